using M = Dashboard.Operations.Prometheus.FleetMetrics;

namespace Dashboard.Operations.Queries.Fleet;

/// <summary>
/// The cost page for the whole fleet: each tenant's units over the window, every instance's counters summed, and
/// the peak units per second (for the provisioned-capacity estimate) from rates over at least three scrapes; priced as the
/// in-process page does. When Prometheus does not answer, this instance's figures, saying so.
/// </summary>
public sealed class PrometheusCostQuery(FleetQueries fleet, CostQuery local) : ICostSource
{
    public Task<CostReport> BuildAsync(OpsWindow window, CancellationToken ct) =>
        FleetQueries.OrLocalAsync(() => FleetAsync(window, ct), why => local.Build(window, why));

    private async Task<CostReport> FleetAsync(OpsWindow window, CancellationToken ct)
    {
        var now = fleet.Clock.GetUtcNow();
        // Peaks: the highest rate over contiguous ranges of one growth step (at least three scrapes) in the window.
        var step = fleet.GrowthStep(window);
        var range = fleet.PeakRange(window);
        var selector = fleet.Selector();
        var by = $"{M.Tenant},{M.Unit}";
        var p = fleet.Prometheus;
        var scope = fleet.ScopeAsync(now, ct);
        var units = p.InstantAsync(fleet.WindowIncrease(M.Usage, selector, by, window, now), now, ct);
        var peaks = p.InstantAsync(
            $"max_over_time(({PromQl.Rate(M.Usage, selector, by, range)})[{PromQl.Duration(window.Span)}:{PromQl.Duration(step)}])", now, ct);
        // The change feeds' own share of those units, for the cost page's "Live updates" line.
        var live = p.InstantAsync(fleet.WindowIncrease(M.Usage,
            fleet.Selector(null, $"{M.Live}=\"true\""), by, window, now), now, ct);
        await Task.WhenAll(scope, units, peaks, live);
        return local.Report(window, window.Span, PerTenant(await units), PerTenant(await peaks), PerTenant(await live), await scope);
    }

    private static Dictionary<string, double[]> PerTenant(IReadOnlyList<PromSample> samples)
    {
        var byName = UsageUnits.All.ToDictionary(UsageUnits.MetricName, u => (int)u, StringComparer.Ordinal);
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var s in samples)
        {
            if (!byName.TryGetValue(s.Label(M.Unit), out var unit) || double.IsNaN(s.Value)) continue;
            var tenant = s.Label(M.Tenant);
            var values = result.TryGetValue(tenant, out var known) ? known : result[tenant] = new double[UsageUnits.Count];
            values[unit] += s.Value;
        }
        return result;
    }
}
