using System.Runtime.CompilerServices;
using Dashboard.Core.Access;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;

namespace Dashboard.Services;

/// <summary>
/// The tenants the current person may see (Ops: all) with live backend health, checked in parallel so one
/// slow backend delays only its row. A tenant whose circuit is open answers at once from the circuit (see
/// <see cref="Dashboard.Operations.Resilience.ResilientDataStore"/>); a ping through a closed one is cut off by the
/// resilience probe timeout (2 s) before <see cref="HealthTimeout"/>, so a hung backend counts toward its circuit.
/// </summary>
public sealed class TenantOverviewService(TenantRegistry registry, ITenantStoreFactory stores, ICurrentPerson current)
{
    public static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(3);

    public sealed class Row(TenantDescriptor tenant, string productName)
    {
        public TenantDescriptor Tenant { get; } = tenant;
        public string ProductName { get; } = productName;
        public BackendHealth? Health { get; set; }
    }

    public IEnumerable<Row> Rows() => registry.All.Where(t => current.Person.CanRead(t.Id)).Select(t => new Row(t, registry.ProductNameOf(t)));

    /// <summary>Fills each row's health as its check finishes, yielding after each one.</summary>
    public async IAsyncEnumerable<Row> CheckAllAsync(IEnumerable<Row> rows, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var pending = rows.Select(async row => { row.Health = await CheckAsync(row.Tenant.Id, ct); return row; }).ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            yield return await done;
        }
    }

    public async Task<BackendHealth> CheckAsync(string tenantId, CancellationToken ct = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(HealthTimeout);
        try
        {
            return await stores.For(tenantId).CheckHealthAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new BackendHealth(false, HealthTimeout, $"no answer within {HealthTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new BackendHealth(false, TimeSpan.Zero, e.Message);
        }
    }
}
