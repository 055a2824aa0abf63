using Dashboard.Core.Tenants;
using Dashboard.Core.Tenants.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Services;

/// <summary>
/// /healthz: the app is up (Healthy) and how many tenant backends answered their last probe; an unreachable
/// backend makes the report Degraded (still HTTP 200) because the dashboard keeps serving every other tenant.
/// It reads <see cref="TenantHealthCache"/> only: no request, however frequent or from whomever, calls a
/// backend (the <see cref="TenantHealthProber"/> does, on its own budget). Counts are for anyone; the data with
/// tenant ids is written out for Ops only (see the response writer). "preparing" counts the tenants whose start-up
/// preparation has not finished: a first start with thousands of new tenants is busy creating schemas for minutes.
/// </summary>
public sealed class TenantBackendsHealthCheck(TenantHealthCache cache, TenantPreparationProgress preparation, TimeProvider clock) : IHealthCheck
{
    /// <summary>Ops see at most this many unavailable tenants by id (the counts cover the rest).</summary>
    public const int ListedUnavailable = 100;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var counts = cache.Counts();
        var preparing = preparation.Pending;   // read once: the figure and the description agree
        var now = clock.GetUtcNow();
        var data = new Dictionary<string, object>
        {
            ["total"] = counts.Total,
            ["reachable"] = counts.Reachable,
            ["unavailable"] = counts.Unavailable,
            ["notChecked"] = counts.NotChecked,
            ["disabled"] = counts.Disabled,
            ["preparing"] = preparing,
            ["unavailableTenants"] = cache.Unavailable(ListedUnavailable).ToDictionary(
                h => h.TenantId, h => $"{h.Problem} (checked {h.AgeAt(now).TotalSeconds:0} s ago, {h.Failures} failure(s) in a row)"),
        };
        var description = $"{counts.Reachable} of {counts.Total} tenant backends answered their last check; {counts.Unavailable} unavailable, {counts.NotChecked} not checked yet" +
            (counts.Disabled > 0 ? $", {counts.Disabled} disabled" : "") +
            (preparing > 0 ? $"; {preparing} still being prepared (schemas, demo data) after start." : ".");
        return Task.FromResult(counts.Unavailable == 0
            ? HealthCheckResult.Healthy(description, data)
            : HealthCheckResult.Degraded(description, data: data));
    }
}
