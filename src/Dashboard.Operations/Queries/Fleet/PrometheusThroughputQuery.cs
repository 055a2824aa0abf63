using M = Dashboard.Operations.Prometheus.FleetMetrics;

namespace Dashboard.Operations.Queries.Fleet;

/// <summary>
/// The throughput page for the whole fleet, from Prometheus: calls per provider, tenant and operation over the
/// window (every instance's counters summed), p50/p95/p99 from the duration histogram's buckets, errors, conflicts
/// and throttles; charts from rates. When Prometheus does not answer, this instance's figures, saying why.
/// </summary>
public sealed class PrometheusThroughputQuery(FleetQueries fleet, ThroughputQuery local) : IThroughputSource
{
    private const string ByOperation = $"{M.Provider},{M.Tenant},{M.Operation}";

    public Task<ThroughputReport> BuildAsync(OpsWindow window, string? tenant, CancellationToken ct) =>
        FleetQueries.OrLocalAsync(() => FleetAsync(window, tenant, ct), why => local.Build(window, tenant, why));

    private async Task<ThroughputReport> FleetAsync(OpsWindow window, string? tenant, CancellationToken ct)
    {
        var now = fleet.Clock.GetUtcNow();
        var (step, range) = fleet.Steps(window);
        var (start, end) = FleetQueries.Range(now, window, step);
        var all = fleet.Selector(tenant);
        var charted = fleet.Selector(tenant, $"{M.Operation}!~\"{M.MaintenanceOperations}\"");
        var p = fleet.Prometheus;

        var scope = fleet.ScopeAsync(now, ct);
        var calls = p.InstantAsync(fleet.WindowIncrease(M.Calls, all, $"{ByOperation},{M.Outcome}", window, now), now, ct);
        var buckets = p.InstantAsync(fleet.WindowIncrease(M.CallsBucket, all, $"{ByOperation},{M.Le}", window, now), now, ct);
        var throttles = p.InstantAsync(fleet.WindowIncrease(M.Throttles, all, $"{ByOperation},{M.Retried}", window, now), now, ct);
        var opsChart = p.RangeAsync(PromQl.Rate(M.Calls, charted, M.Provider, range), start, end, step, ct);
        var latencyChart = p.RangeAsync(PromQl.Rate(M.CallsBucket, charted, M.Le, range), start, end, step, ct);
        await Task.WhenAll(scope, calls, buckets, throttles, opsChart, latencyChart);

        var opsLines = (await opsChart).OrderBy(s => s.Label(M.Provider), StringComparer.Ordinal)
            .Select(s => new ChartLine(s.Label(M.Provider), FleetQueries.PerPoint(s, start, step, window.ChartPoints)))
            .ToList();
        var latencyLines = LatencyLines(await latencyChart, start, step, window.ChartPoints);
        var rows = Rows(await calls, await buckets, await throttles, window.Span.TotalSeconds);
        return new ThroughputReport(window, FleetQueries.Labels(window, start, step), opsLines, latencyLines, rows, await scope);
    }

    /// <summary>p50, p95 and p99 per point, from every bucket's rate (one query for the three lines).</summary>
    private static List<ChartLine> LatencyLines(IReadOnlyList<PromSeries> bucketRates, DateTimeOffset start, TimeSpan step, int points)
    {
        if (bucketRates.Count == 0) return [];
        var perPoint = Enumerable.Range(0, points).Select(_ => new HistogramQuantile.Buckets()).ToArray();
        foreach (var series in bucketRates)
        {
            var values = FleetQueries.PerPoint(series, start, step, points);
            for (var i = 0; i < points; i++) perPoint[i].Add(series.Label(M.Le), values[i]);
        }
        ChartLine Line(string name, double q) => new(name, perPoint.Select(b => (b.Quantile(q) ?? 0) * 1000).ToArray());
        return [Line("p50", 0.50), Line("p95", 0.95), Line("p99", 0.99)];
    }

    private static List<ThroughputRow> Rows(IReadOnlyList<PromSample> calls, IReadOnlyList<PromSample> buckets, IReadOnlyList<PromSample> throttles, double windowSeconds)
    {
        var stats = new Dictionary<(string Provider, string Tenant, string Operation), FleetStats>();
        FleetStats At(PromSample s) =>
            stats.TryGetValue(Key(s), out var known) ? known : stats[Key(s)] = new FleetStats();
        foreach (var s in calls) At(s).AddCalls(s.Label(M.Outcome), s.Value);
        foreach (var s in buckets) At(s).Buckets.Add(s.Label(M.Le), s.Value);
        foreach (var s in throttles) At(s).AddThrottles(s.Label(M.Retried) == "true", s.Value);

        var rows = new List<ThroughputRow>();
        var active = stats.Where(s => s.Value.Calls > 0 || s.Value.Throttles > 0).ToList();
        foreach (var provider in active.GroupBy(s => s.Key.Provider).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            rows.Add(Row(RowLevel.Provider, provider.Key, null, null, FleetStats.Sum(provider.Select(s => s.Value)), windowSeconds));
            foreach (var tenant in provider.GroupBy(s => s.Key.Tenant).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                rows.Add(Row(RowLevel.Tenant, provider.Key, tenant.Key, null, FleetStats.Sum(tenant.Select(s => s.Value)), windowSeconds));
                foreach (var op in tenant.OrderBy(s => OperationOrder(s.Key.Operation)))
                    rows.Add(Row(RowLevel.Operation, provider.Key, tenant.Key, op.Key.Operation, op.Value, windowSeconds));
            }
        }
        return rows;
    }

    private static (string, string, string) Key(PromSample s) => (s.Label(M.Provider), s.Label(M.Tenant), s.Label(M.Operation));

    /// <summary>Operations in the order the in-process page lists them (the store port's); unknown names last.</summary>
    private static int OperationOrder(string name)
    {
        var known = StoreOperations.All.Select(StoreOperations.Name).ToList().IndexOf(name);
        return known < 0 ? int.MaxValue : known;
    }

    private static ThroughputRow Row(RowLevel level, string provider, string? tenant, string? op, FleetStats s, double windowSeconds) =>
        new(level, provider, tenant, op, s.Calls, s.Calls / windowSeconds, Ms(s.Buckets.Quantile(0.50)), Ms(s.Buckets.Quantile(0.95)),
            Ms(s.Buckets.Quantile(0.99)), s.Share(s.Errors), s.Share(s.Conflicts), s.Retried, s.Surfaced);

    private static double? Ms(double? seconds) => seconds * 1000;

    /// <summary>One row's counts over the window; counter growth is whole calls, rounded from Prometheus's floats.</summary>
    private sealed class FleetStats
    {
        public long Calls { get; private set; }
        public long Errors { get; private set; }
        public long Conflicts { get; private set; }
        public long Retried { get; private set; }
        public long Surfaced { get; private set; }
        public long Throttles => Retried + Surfaced;
        public HistogramQuantile.Buckets Buckets { get; } = new();

        public void AddCalls(string outcome, double count)
        {
            var n = (long)Math.Round(count);
            Calls += n;
            if (outcome == StoreOutcomes.Name(StoreOutcome.Conflict)) Conflicts += n;
            else if (StoreOutcomes.All.Any(o => StoreOutcomes.IsFailure(o) && StoreOutcomes.Name(o) == outcome)) Errors += n;
        }

        public void AddThrottles(bool retried, double count)
        {
            var n = (long)Math.Round(count);
            if (retried) Retried += n; else Surfaced += n;
        }

        public double Share(long part) => Calls == 0 ? 0 : (double)part / Calls;

        public static FleetStats Sum(IEnumerable<FleetStats> all)
        {
            var total = new FleetStats();
            foreach (var s in all)
            {
                total.Calls += s.Calls;
                total.Errors += s.Errors;
                total.Conflicts += s.Conflicts;
                total.Retried += s.Retried;
                total.Surfaced += s.Surfaced;
                total.Buckets.Add(s.Buckets);
            }
            return total;
        }
    }
}
