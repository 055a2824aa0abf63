using Dashboard.Core.Tenants.Health;

namespace Dashboard.Operations.Alerts;

/// <summary>
/// When each tenant's current run of failed probes began, as first seen by this evaluator (the health cache keeps
/// only the latest probe). A reachable probe ends the run.
/// </summary>
public sealed class UnavailabilityTracker
{
    private readonly Dictionary<string, DateTimeOffset> _since = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public DateTimeOffset? Since(string tenant, TenantHealth? latest)
    {
        lock (_gate)
        {
            if (latest is null || latest.Reachable)
            {
                _since.Remove(tenant);
                return null;
            }
            if (!_since.TryGetValue(tenant, out var since)) _since[tenant] = since = latest.CheckedAt;
            return since;
        }
    }
}
