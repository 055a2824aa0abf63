using M = Dashboard.Operations.Prometheus.FleetMetrics;

namespace Dashboard.Operations.Queries.Fleet;

/// <summary>
/// The throughput page for the whole fleet, from Prometheus: every instance's counters summed over the window. Provider
/// rows come from the duration histogram (calls, p50/p95/p99 from its buckets, errors, conflicts); tenant rows from
/// the per-tenant counters (calls by outcome, throttles), with latency and operations only when the histogram carries
/// the tenant (<c>Metrics:PerTenantHistograms</c>), else the report says they are missing. Charts from rates. When
/// Prometheus does not answer, this instance's figures, saying why.
/// </summary>
public sealed class PrometheusThroughputQuery(FleetQueries fleet, ThroughputQuery local) : IThroughputSource
{
    private const string ByProviderOperation = $"{M.Provider},{M.Operation}";
    private const string ByTenant = $"{M.Provider},{M.Tenant}";
    private const string ByTenantOperation = $"{M.Provider},{M.Tenant},{M.Operation}";

    public const string TenantDetailMissing =
        "Per-tenant latency and operations are not kept in Prometheus: its duration histogram is per provider and operation " +
        "(Metrics:PerTenantHistograms is off, to keep /metrics within its series budget). Tenant rows show calls, errors, " +
        "conflicts and throttles; their percentiles are blank. For one tenant's latency, use this instance's figures (Metrics:Source=InProcess).";

    public Task<ThroughputReport> BuildAsync(OpsWindow window, string? tenant, CancellationToken ct) =>
        FleetQueries.OrLocalAsync(() => FleetAsync(window, tenant, ct), why => local.Build(window, tenant, why));

    private async Task<ThroughputReport> FleetAsync(OpsWindow window, string? tenant, CancellationToken ct)
    {
        var now = fleet.Clock.GetUtcNow();
        var (step, range) = fleet.Steps(window);
        var (start, end) = FleetQueries.Range(now, window, step);
        var perTenant = fleet.PerTenantHistograms;
        var all = fleet.Selector(tenant);
        // Without per-tenant histograms the histogram is read for the whole fleet (its provider rows and charts).
        var histogram = perTenant ? all : fleet.Selector();
        var charted = perTenant
            ? fleet.Selector(tenant, $"{M.Operation}!~\"{M.MaintenanceOperations}\"")
            : fleet.Selector(null, $"{M.Operation}!~\"{M.MaintenanceOperations}\"");
        var p = fleet.Prometheus;
        var byTenant = perTenant ? ByTenantOperation : ByTenant;

        // One tenant without per-tenant histograms: its rows and calls chart from its counter, no latency at all
        // (rather than the fleet's shown as if it were the tenant's).
        var oneTenantFromCounters = tenant is not null && !perTenant;
        IReadOnlyList<PromSample> none = [];
        var scope = fleet.ScopeAsync(now, ct);
        var providerCalls = oneTenantFromCounters ? Task.FromResult(none)
            : p.InstantAsync(fleet.WindowIncrease(M.Calls, histogram, $"{ByProviderOperation},{M.Outcome}", window, now), now, ct);
        var providerBuckets = oneTenantFromCounters ? Task.FromResult(none)
            : p.InstantAsync(fleet.WindowIncrease(M.CallsBucket, histogram, $"{ByProviderOperation},{M.Le}", window, now), now, ct);
        var tenantCalls = perTenant
            ? p.InstantAsync(fleet.WindowIncrease(M.Calls, all, $"{ByTenantOperation},{M.Outcome}", window, now), now, ct)
            : p.InstantAsync(fleet.WindowIncrease(M.TenantCalls, all, $"{ByTenant},{M.Outcome}", window, now), now, ct);
        var tenantBuckets = perTenant
            ? p.InstantAsync(fleet.WindowIncrease(M.CallsBucket, all, $"{ByTenantOperation},{M.Le}", window, now), now, ct)
            : Task.FromResult(none);
        var throttles = p.InstantAsync(fleet.WindowIncrease(M.Throttles, all, $"{byTenant},{M.Retried}", window, now), now, ct);
        var opsChart = oneTenantFromCounters
            ? p.RangeAsync(PromQl.Rate(M.TenantCalls, all, M.Provider, range), start, end, step, ct)
            : p.RangeAsync(PromQl.Rate(M.Calls, charted, M.Provider, range), start, end, step, ct);
        var latencyChart = oneTenantFromCounters
            ? Task.FromResult<IReadOnlyList<PromSeries>>([])
            : p.RangeAsync(PromQl.Rate(M.CallsBucket, charted, M.Le, range), start, end, step, ct);
        await Task.WhenAll(scope, providerCalls, providerBuckets, tenantCalls, tenantBuckets, throttles, opsChart, latencyChart);

        var opsLines = (await opsChart).OrderBy(s => s.Label(M.Provider), StringComparer.Ordinal)
            .Select(s => new ChartLine(s.Label(M.Provider), FleetQueries.PerPoint(s, start, step, window.ChartPoints)))
            .ToList();
        var latencyLines = LatencyLines(await latencyChart, start, step, window.ChartPoints);
        var seconds = window.Span.TotalSeconds;
        var providers = ProviderStats(await providerCalls, await providerBuckets, await throttles);
        var tenants = TenantStats(await tenantCalls, await tenantBuckets, await throttles, perTenant);
        // A tenant's page: its provider row is the sum of its own rows, not the provider's whole fleet.
        if (oneTenantFromCounters)
            providers = tenants.GroupBy(t => t.Key.Provider).ToDictionary(g => g.Key, g => FleetStats.Sum(g.Select(t => t.Value)), StringComparer.Ordinal);
        var rows = Rows(providers, tenants, seconds);
        return new ThroughputReport(window, FleetQueries.Labels(window, start, step), opsLines, latencyLines, rows, await scope)
        {
            TenantDetailMissing = perTenant ? null : TenantDetailMissing,
        };
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

    /// <summary>Per provider: calls and buckets from the histogram (summed over operations), throttles from the tenants'.</summary>
    private static Dictionary<string, FleetStats> ProviderStats(IReadOnlyList<PromSample> calls, IReadOnlyList<PromSample> buckets, IReadOnlyList<PromSample> throttles)
    {
        var stats = new Dictionary<string, FleetStats>(StringComparer.Ordinal);
        FleetStats At(PromSample s) => stats.TryGetValue(s.Label(M.Provider), out var known) ? known : stats[s.Label(M.Provider)] = new FleetStats();
        foreach (var s in calls) At(s).AddCalls(s.Label(M.Outcome), s.Value);
        foreach (var s in buckets) At(s).Buckets.Add(s.Label(M.Le), s.Value);
        foreach (var s in throttles) At(s).AddThrottles(s.Label(M.Retried) == "true", s.Value);
        return stats;
    }

    /// <summary>Per tenant and operation (the operation is "" without per-tenant histograms).</summary>
    private static Dictionary<(string Provider, string Tenant, string Operation), FleetStats> TenantStats(
        IReadOnlyList<PromSample> calls, IReadOnlyList<PromSample> buckets, IReadOnlyList<PromSample> throttles, bool perOperation)
    {
        var stats = new Dictionary<(string Provider, string Tenant, string Operation), FleetStats>();
        FleetStats At(PromSample s)
        {
            var key = (s.Label(M.Provider), s.Label(M.Tenant), perOperation ? s.Label(M.Operation) : "");
            return stats.TryGetValue(key, out var known) ? known : stats[key] = new FleetStats();
        }
        foreach (var s in calls) At(s).AddCalls(s.Label(M.Outcome), s.Value);
        foreach (var s in buckets) At(s).Buckets.Add(s.Label(M.Le), s.Value);
        foreach (var s in throttles) At(s).AddThrottles(s.Label(M.Retried) == "true", s.Value);
        return stats;
    }

    private static List<ThroughputRow> Rows(Dictionary<string, FleetStats> providers,
        Dictionary<(string Provider, string Tenant, string Operation), FleetStats> tenants, double windowSeconds)
    {
        var rows = new List<ThroughputRow>();
        var active = tenants.Where(s => s.Value.Calls > 0 || s.Value.Throttles > 0).ToList();
        foreach (var (provider, stats) in providers.Where(p => p.Value.Calls > 0 || p.Value.Throttles > 0).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            rows.Add(Row(RowLevel.Provider, provider, null, null, stats, windowSeconds));
            foreach (var tenant in active.Where(s => s.Key.Provider == provider).GroupBy(s => s.Key.Tenant).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                rows.Add(Row(RowLevel.Tenant, provider, tenant.Key, null, FleetStats.Sum(tenant.Select(s => s.Value)), windowSeconds));
                foreach (var op in tenant.Where(s => s.Key.Operation != "").OrderBy(s => OperationOrder(s.Key.Operation)))
                    rows.Add(Row(RowLevel.Operation, provider, tenant.Key, op.Key.Operation, op.Value, windowSeconds));
            }
        }
        return rows;
    }

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
