namespace Dashboard.Operations.Queries;

/// <summary>Builds the throughput page's model from the rolling store: this instance's calls only.</summary>
public sealed class ThroughputQuery(RollingStore store, InstanceName instance) : IThroughputSource
{
    public Task<ThroughputReport> BuildAsync(OpsWindow window, string? tenant, CancellationToken ct) => Task.FromResult(Build(window, tenant));

    /// <param name="problem">Why these are not fleet-wide figures although those were asked for (Prometheus down).</param>
    public ThroughputReport Build(OpsWindow window, string? tenant = null, string? problem = null)
    {
        var read = store.Read(window.Span, window.ChartPoints, tenant is null ? null : k => k.Tenant == tenant);
        var labels = Enumerable.Range(0, read.PointCount).Select(i => window.PointLabel(read.PointStart(i), read.PointWidth)).ToList();
        var seconds = read.PointWidth.TotalSeconds;

        // Charts show the request path; schema and bulk loads (seconds long, at start) stay in the table only.
        var charted = read.Series.Where(s => !StoreOperations.IsMaintenance(s.Key.Operation)).ToList();
        var opsLines = charted.GroupBy(s => s.Key.Provider).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ChartLine(g.Key, Merge(g, read.PointCount).Select(p => p is null ? 0 : p.Calls / seconds).ToArray()))
            .ToList();

        var all = Merge(charted, read.PointCount);
        double[] Percentile(double q) => all.Select(p => p?.PercentileMs(q) ?? 0).ToArray();
        var latencyLines = charted.Count == 0
            ? new List<ChartLine>()
            : [new("p50", Percentile(0.50)), new("p95", Percentile(0.95)), new("p99", Percentile(0.99))];

        var rows = new List<ThroughputRow>();
        var windowSeconds = read.Window.TotalSeconds;
        foreach (var provider in read.Series.GroupBy(s => s.Key.Provider).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            rows.Add(Row(RowLevel.Provider, provider.Key, null, null, Total(provider), windowSeconds));
            foreach (var t in provider.GroupBy(s => s.Key.Tenant).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                rows.Add(Row(RowLevel.Tenant, provider.Key, t.Key, null, Total(t), windowSeconds));
                foreach (var op in t.GroupBy(s => s.Key.Operation).OrderBy(g => g.Key))
                    rows.Add(Row(RowLevel.Operation, provider.Key, t.Key, StoreOperations.Name(op.Key), Total(op), windowSeconds));
            }
        }
        return new ThroughputReport(window, labels, opsLines, latencyLines, rows, FiguresScope.ThisInstance(instance.Value, problem) with { MissingHistory = store.MissingHistory(window.Span) });
    }

    private static ThroughputRow Row(RowLevel level, string provider, string? tenant, string? op, WindowStats s, double windowSeconds) =>
        new(level, provider, tenant, op, s.Calls, s.Calls / windowSeconds, s.PercentileMs(0.50), s.PercentileMs(0.95), s.PercentileMs(0.99),
            s.ErrorRate, s.ConflictRate, s.ThrottlesRetried, s.ThrottlesSurfaced);

    internal static WindowStats Total(IEnumerable<SeriesWindow> series)
    {
        var total = new WindowStats();
        foreach (var s in series) total.Add(s.Total);
        return total;
    }

    internal static WindowStats?[] Merge(IEnumerable<SeriesWindow> series, int points)
    {
        var merged = new WindowStats?[points];
        foreach (var s in series)
            for (var i = 0; i < points; i++)
                if (s.Points[i] is { } p) (merged[i] ??= new WindowStats()).Add(p);
        return merged;
    }
}
