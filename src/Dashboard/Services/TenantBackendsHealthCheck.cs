using Dashboard.Core.Tenants;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Services;

/// <summary>
/// /healthz: the app is up (Healthy) and says which tenant backends answer; an unreachable backend makes the
/// report Degraded (still HTTP 200) because the dashboard keeps serving every other tenant.
/// </summary>
public sealed class TenantBackendsHealthCheck(TenantRegistry registry, TenantOverviewService overview) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var checks = await Task.WhenAll(registry.All.Select(async t => (t.Id, Health: await overview.CheckAsync(t.Id, ct))));
        var data = checks.ToDictionary(c => c.Id, c => (object)(c.Health.Reachable ? "reachable" : $"unavailable: {c.Health.Problem}"));
        var down = checks.Where(c => !c.Health.Reachable).Select(c => c.Id).ToList();
        return down.Count == 0
            ? HealthCheckResult.Healthy("All tenant backends answer.", data)
            : HealthCheckResult.Degraded($"Unavailable: {string.Join(", ", down)}", data: data);
    }
}
