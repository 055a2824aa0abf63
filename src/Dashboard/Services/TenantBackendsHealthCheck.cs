using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Services;

/// <summary>
/// /healthz: the app is up (Healthy) and says which tenant backends answer; an unreachable backend makes the
/// report Degraded (still HTTP 200) because the dashboard keeps serving every other tenant. It pings the
/// backends as the app itself (no person, nothing read), so it works for an anonymous probe.
/// The pings go through each tenant's circuit (<see cref="Dashboard.Operations.Resilience.ResilientDataStore"/>): a
/// closed circuit pings the backend once per request, as before; an open one answers at once from the
/// breaker's state and its prober's last ping, without touching the dead backend or holding this check up.
/// </summary>
public sealed class TenantBackendsHealthCheck(TenantRegistry registry, ITenantBackends backends) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var checks = await Task.WhenAll(registry.All.Select(async t => (t.Id, Problem: await PingAsync(t.Id, ct))));
        var data = checks.ToDictionary(c => c.Id, c => (object)(c.Problem is null ? "reachable" : $"unavailable: {c.Problem}"));
        var down = checks.Where(c => c.Problem is not null).Select(c => c.Id).ToList();
        return down.Count == 0
            ? HealthCheckResult.Healthy("All tenant backends answer.", data)
            : HealthCheckResult.Degraded($"Unavailable: {string.Join(", ", down)}", data: data);
    }

    private async Task<string?> PingAsync(string tenantId, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TenantOverviewService.HealthTimeout);
        try
        {
            await backends.For(tenantId).PingAsync(timeout.Token);
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"no answer within {TenantOverviewService.HealthTimeout.TotalSeconds:0} s";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return e.Message;
        }
    }
}
