namespace Dashboard.Operations.Queries;

/// <summary>Builds the throttling page's model from the rolling store, the throttle log and the circuits.</summary>
public sealed class ThrottlingQuery(RollingStore store, TenantCircuits circuits, InstanceName instance) : IThrottlingSource
{
    public const int LatestShown = 200;

    public Task<ThrottlingReport> BuildAsync(OpsWindow window, string? tenant, CancellationToken ct) => Task.FromResult(Build(window, tenant));

    /// <param name="problem">Why these are not fleet-wide figures although those were asked for (Prometheus down).</param>
    public ThrottlingReport Build(OpsWindow window, string? tenant = null, string? problem = null)
    {
        // The whole fleet from one pass over per-provider sums (no series held), one tenant from its own series.
        IReadOnlyList<WindowStats?> points;
        List<string> labels;
        WindowStats total;
        if (tenant is null)
        {
            var summary = store.Summarize(window.Span, window.ChartPoints);
            points = summary.AllPoints;
            labels = ThroughputQuery.Labels(window, summary.Frame);
            total = new WindowStats();
            foreach (var provider in summary.Providers.Values) total.Add(provider);
        }
        else
        {
            var read = store.Read(window.Span, window.ChartPoints, k => k.Tenant == tenant);
            points = ThroughputQuery.Merge(read.Series, read.PointCount);
            labels = Enumerable.Range(0, read.PointCount).Select(i => window.PointLabel(read.PointStart(i), read.PointWidth)).ToList();
            total = ThroughputQuery.Total(read.Series);
        }
        var lines = new List<ChartLine>
        {
            new("Retried", points.Select(p => (double)(p?.ThrottlesRetried ?? 0)).ToArray()),
            new("Surfaced", points.Select(p => (double)(p?.ThrottlesSurfaced ?? 0)).ToArray()),
        };

        var since = store.Clock.GetUtcNow() - window.Span;
        var events = store.Throttles.Since(since).Where(e => tenant is null || e.Tenant == tenant).ToList();
        var byCause = events
            .GroupBy(e => (e.Provider, e.Tenant, e.Operation, e.Cause))
            .Select(g => new ThrottleCauseRow(g.Key.Provider, g.Key.Tenant, g.Key.Operation, g.Key.Cause,
                g.Count(e => e.Retried), g.Count(e => !e.Retried), g.Max(e => e.At)))
            .OrderByDescending(r => r.Retried + r.Surfaced)
            .ToList();
        // The log is a ring: if it holds fewer events than the counters saw, the list and causes are the latest part only.
        var covers = events.Count >= total.ThrottlesRetried + total.ThrottlesSurfaced;

        var circuitRows = circuits.All
            .Where(c => tenant is null || c.Tenant == tenant)
            .Select(c => new CircuitRow(c.Tenant, c.Provider, c.State, c.OpenedAt, c.Rejected, c.LastProbe))
            .ToList();
        var counted = total.ThrottlesRetried + total.ThrottlesSurfaced;
        return new ThrottlingReport(window, labels, lines, byCause, events.Take(LatestShown).ToList(),
            total.ThrottlesRetried, total.ThrottlesSurfaced, covers, circuitRows, FiguresScope.ThisInstance(instance.Value, problem) with { MissingHistory = store.MissingHistory(window.Span) })
        {
            ListGap = covers ? null
                : $"The list keeps this instance's latest {store.Throttles.Capacity:N0} events: {counted - events.Count:N0} earlier ones in the window are counted above but not listed, nor in the causes.",
        };
    }
}
