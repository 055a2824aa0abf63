using System.Collections.Concurrent;

namespace Dashboard.Operations.Costs;

/// <summary>
/// Each tenant's storage size, asked of the backend at most every <see cref="Refresh"/> and in the background:
/// the cost page shows the last known figure and never waits on a slow DescribeTable.
/// </summary>
public sealed class StorageSizes(ITenantBackends backends, TimeProvider clock, ILogger<StorageSizes> log)
{
    public static readonly TimeSpan Refresh = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (long? Bytes, DateTimeOffset At, bool Refreshing)> _known = new(StringComparer.Ordinal);

    /// <summary>The last known size (null if never reported or not asked yet), without asking the backend.</summary>
    public long? Known(string tenantId) => _known.TryGetValue(tenantId, out var entry) ? entry.Bytes : null;

    /// <summary>The last known size (null if never reported) and starts a refresh when it is stale.</summary>
    public long? LastKnown(TenantDescriptor tenant)
    {
        var now = clock.GetUtcNow();
        var entry = _known.GetOrAdd(tenant.Id, _ => (null, DateTimeOffset.MinValue, false));
        if (!entry.Refreshing && now - entry.At > Refresh && _known.TryUpdate(tenant.Id, entry with { Refreshing = true }, entry))
            _ = RefreshAsync(tenant, entry.Bytes);
        return entry.Bytes;
    }

    /// <summary>Asks the backend now (tests, tools).</summary>
    public async Task<long?> ReadAsync(TenantDescriptor tenant, CancellationToken ct)
    {
        var reporter = DataStoreCapabilities.Find<IStorageSizeReporter>(backends.For(tenant.Id));
        var bytes = reporter is null ? null : await reporter.StorageBytesAsync(ct);
        _known[tenant.Id] = (bytes, clock.GetUtcNow(), false);
        return bytes;
    }

    private async Task RefreshAsync(TenantDescriptor tenant, long? previous)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await ReadAsync(tenant, timeout.Token);
        }
        catch (Exception e)
        {
            log.LogInformation("Storage size of tenant {Tenant} could not be read: {Problem}", tenant.Id, e.Message);
            _known[tenant.Id] = (previous, clock.GetUtcNow(), false);
        }
    }
}
