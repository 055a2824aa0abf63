namespace Dashboard.Operations.Queries;

/// <summary>
/// Builds the throughput page's model from the rolling store: this instance's calls only. For the whole fleet of
/// tenants it makes one pass (<see cref="RollingStore.Summarize"/>): provider rows and charts from per-provider sums,
/// one row per tenant without its operations; the operations of the tenants a page shows are read when asked
/// (<see cref="ThroughputReport.OperationsOf"/>). One tenant's page reads that tenant's series in full.
/// </summary>
public sealed class ThroughputQuery(RollingStore store, InstanceName instance) : IThroughputSource
{
    public Task<ThroughputReport> BuildAsync(OpsWindow window, string? tenant, CancellationToken ct) => Task.FromResult(Build(window, tenant));

    /// <param name="problem">Why these are not fleet-wide figures although those were asked for (Prometheus down).</param>
    public ThroughputReport Build(OpsWindow window, string? tenant = null, string? problem = null)
    {
        var scope = FiguresScope.ThisInstance(instance.Value, problem) with { MissingHistory = store.MissingHistory(window.Span) };
        return tenant is null ? Fleet(window, scope) : OneTenant(window, tenant, scope);
    }

    private ThroughputReport Fleet(OpsWindow window, FiguresScope scope)
    {
        var summary = store.Summarize(window.Span, window.ChartPoints);
        var frame = summary.Frame;
        var seconds = frame.PointWidth.TotalSeconds;
        var charted = summary.RequestPathPoints.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var opsLines = charted.Select(p => new ChartLine(p.Key, p.Value.Select(s => s is null ? 0 : s.Calls / seconds).ToArray())).ToList();
        var latencyLines = charted.Count == 0 ? [] : LatencyLines(Merge(charted.Select(p => p.Value), frame.PointCount));

        var windowSeconds = frame.Window.TotalSeconds;
        var rows = new List<ThroughputRow>();
        var tenantsByProvider = summary.Tenants.ToLookup(t => t.Provider, StringComparer.Ordinal);
        foreach (var (provider, total) in summary.Providers.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            rows.Add(Row(RowLevel.Provider, provider, null, null, total, windowSeconds));
            foreach (var t in tenantsByProvider[provider].OrderBy(t => t.Tenant, StringComparer.Ordinal))
                rows.Add(Row(RowLevel.Tenant, provider, t.Tenant, null, t.Total, windowSeconds));
        }
        return new ThroughputReport(window, Labels(window, frame), opsLines, latencyLines, rows, scope)
        {
            // Same frame: the operations add up to the tenant rows above whatever was recorded since.
            OperationsOf = tenants =>
            {
                var wanted = tenants as IReadOnlySet<string> ?? tenants.ToHashSet(StringComparer.Ordinal);
                return wanted.Count == 0 ? [] : OperationRows(store.Read(frame, k => wanted.Contains(k.Tenant)).Series, windowSeconds);
            },
        };
    }

    private ThroughputReport OneTenant(OpsWindow window, string tenant, FiguresScope scope)
    {
        var read = store.Read(window.Span, window.ChartPoints, k => k.Tenant == tenant);
        var seconds = read.PointWidth.TotalSeconds;

        // Charts show the request path; schema and bulk loads (seconds long, at start) stay in the table only.
        var charted = read.Series.Where(s => !StoreOperations.IsMaintenance(s.Key.Operation)).ToList();
        var opsLines = charted.GroupBy(s => s.Key.Provider).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ChartLine(g.Key, Merge(g, read.PointCount).Select(p => p is null ? 0 : p.Calls / seconds).ToArray()))
            .ToList();
        var latencyLines = charted.Count == 0 ? [] : LatencyLines(Merge(charted, read.PointCount));

        var rows = new List<ThroughputRow>();
        var windowSeconds = read.Window.TotalSeconds;
        foreach (var provider in read.Series.GroupBy(s => s.Key.Provider).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            rows.Add(Row(RowLevel.Provider, provider.Key, null, null, Total(provider), windowSeconds));
            rows.Add(Row(RowLevel.Tenant, provider.Key, tenant, null, Total(provider), windowSeconds));
            rows.AddRange(OperationRows(provider, windowSeconds));
        }
        var labels = Enumerable.Range(0, read.PointCount).Select(i => window.PointLabel(read.PointStart(i), read.PointWidth)).ToList();
        return new ThroughputReport(window, labels, opsLines, latencyLines, rows, scope);
    }

    /// <summary>Operation rows of the given series, by provider, tenant and operation.</summary>
    private static List<ThroughputRow> OperationRows(IEnumerable<SeriesWindow> series, double windowSeconds) =>
        series.GroupBy(s => (s.Key.Provider, s.Key.Tenant, s.Key.Operation))
            .OrderBy(g => g.Key.Provider, StringComparer.Ordinal).ThenBy(g => g.Key.Tenant, StringComparer.Ordinal).ThenBy(g => g.Key.Operation)
            .Select(g => Row(RowLevel.Operation, g.Key.Provider, g.Key.Tenant, StoreOperations.Name(g.Key.Operation), Total(g), windowSeconds))
            .ToList();

    private static List<ChartLine> LatencyLines(WindowStats?[] points)
    {
        double[] Percentile(double q) => points.Select(p => p?.PercentileMs(q) ?? 0).ToArray();
        return [new("p50", Percentile(0.50)), new("p95", Percentile(0.95)), new("p99", Percentile(0.99))];
    }

    internal static List<string> Labels(OpsWindow window, WindowFrame frame) =>
        Enumerable.Range(0, frame.PointCount).Select(i => window.PointLabel(frame.Start + frame.PointWidth * i, frame.PointWidth)).ToList();

    private static ThroughputRow Row(RowLevel level, string provider, string? tenant, string? op, WindowStats s, double windowSeconds) =>
        new(level, provider, tenant, op, s.Calls, s.Calls / windowSeconds, s.PercentileMs(0.50), s.PercentileMs(0.95), s.PercentileMs(0.99),
            s.ErrorRate, s.ConflictRate, s.ThrottlesRetried, s.ThrottlesSurfaced);

    /// <summary>The series' totals added up.</summary>
    public static WindowStats Total(IEnumerable<SeriesWindow> series)
    {
        var total = new WindowStats();
        foreach (var s in series) total.Add(s.Total);
        return total;
    }

    /// <summary>The series' chart points added up point by point (null where none had calls).</summary>
    public static WindowStats?[] Merge(IEnumerable<SeriesWindow> series, int points) => Merge(series.Select(s => s.Points), points);

    public static WindowStats?[] Merge(IEnumerable<IReadOnlyList<WindowStats?>> pointLists, int points)
    {
        var merged = new WindowStats?[points];
        foreach (var list in pointLists)
            for (var i = 0; i < points; i++)
                if (list[i] is { } p) (merged[i] ??= new WindowStats()).Add(p);
        return merged;
    }
}
