using Dashboard.Operations.Queries.Fleet;
using M = Dashboard.Operations.Prometheus.FleetMetrics;

namespace Dashboard.Operations.Alerts;

/// <summary>
/// The tenant rules' figures for the whole fleet, from Prometheus (<c>Metrics:Source=Prometheus</c>): every instance's
/// calls, failures and throttles per tenant in 10-second points, and units per minute, as counter growth summed over
/// the instances. Latency per tenant and operation comes from the duration histogram when it carries the tenant
/// (<c>Metrics:PerTenantHistograms</c>); without it Prometheus has no tenant's latency, and the latency rule reads the
/// evaluating instance's own calls (a sample of the same traffic, so its p95 is an estimate of the fleet's). When
/// Prometheus does not answer, the round fails and is tried again: judging the fleet from one instance's share would
/// resolve alerts that still hold.
/// </summary>
public sealed class PrometheusAlertInputs(FleetQueries fleet, RollingAlertInputs local) : IAlertInputs
{
    private static readonly TimeSpan PointWidth = TimeSpan.FromSeconds(RollingAlertInputs.RecentPointSeconds);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public string Scope => "the fleet (Prometheus)";

    public async Task<IReadOnlyDictionary<string, TenantSeries>> ReadAsync(TimeSpan recent, CancellationToken ct)
    {
        var now = fleet.Clock.GetUtcNow();
        var p = fleet.Prometheus;
        var all = fleet.Selector();
        var end = Floor(now, PointWidth);
        var start = end - PointWidth * (Math.Ceiling(recent / PointWidth) - 1);
        var minutesEnd = Floor(now, Minute);
        var minutesStart = minutesEnd - IAlertInputs.MinuteSpan + Minute;

        var calls = p.RangeAsync(PromQl.StepGrowth(M.TenantCalls, all, $"{M.Tenant},{M.Outcome}", PointWidth), start, end, PointWidth, ct);
        var throttles = p.RangeAsync(PromQl.StepGrowth(M.Throttles, all, $"{M.Tenant},{M.Retried}", PointWidth), start, end, PointWidth, ct);
        var units = p.RangeAsync(PromQl.StepGrowth(M.Usage, all, M.Tenant, Minute), minutesStart, minutesEnd, Minute, ct);
        var buckets = fleet.PerTenantHistograms
            ? p.RangeAsync(PromQl.StepGrowth(M.CallsBucket, fleet.Selector(null, $"{M.Operation}!~\"{M.MaintenanceOperations}\""),
                $"{M.Tenant},{M.Operation},{M.Le}", PointWidth), start, end, PointWidth, ct)
            : null;
        await Task.WhenAll(calls, throttles, units, buckets ?? Task.FromResult<IReadOnlyList<PromSeries>>([]));

        var recentPoints = new Dictionary<string, SortedDictionary<DateTimeOffset, TenantPoint>>(StringComparer.Ordinal);
        TenantPoint At(string tenant, DateTimeOffset at)
        {
            var points = recentPoints.TryGetValue(tenant, out var known) ? known : recentPoints[tenant] = [];
            return points.TryGetValue(at, out var p) ? p : new TenantPoint(at, 0, 0, 0, 0, 0);
        }
        void Set(string tenant, TenantPoint point) => recentPoints[tenant][point.At] = point;

        var failures = StoreOutcomes.All.Where(StoreOutcomes.IsFailure).Select(StoreOutcomes.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var s in await calls)
        {
            var tenant = s.Label(M.Tenant);
            var failed = failures.Contains(s.Label(M.Outcome));
            foreach (var (at, n) in Points(s, PointWidth))
            {
                var point = At(tenant, at);
                Set(tenant, point with { Calls = point.Calls + n, Failures = point.Failures + (failed ? n : 0) });
            }
        }
        foreach (var s in await throttles)
        {
            var tenant = s.Label(M.Tenant);
            var retried = s.Label(M.Retried) == "true";
            foreach (var (at, n) in Points(s, PointWidth))
            {
                var point = At(tenant, at);
                Set(tenant, retried ? point with { Retried = point.Retried + n } : point with { Surfaced = point.Surfaced + n });
            }
        }

        var minutes = new Dictionary<string, List<TenantPoint>>(StringComparer.Ordinal);
        foreach (var s in await units)
        {
            var list = minutes.TryGetValue(s.Label(M.Tenant), out var known) ? known : minutes[s.Label(M.Tenant)] = [];
            list.AddRange(s.Points.Where(v => !double.IsNaN(v.Value) && v.Value > 0).Select(v => new TenantPoint(v.At - Minute, 0, 0, 0, 0, v.Value)));
        }

        var latency = buckets is null ? LocalLatency(recent) : Latency(await buckets);
        var tenants = recentPoints.Keys.Union(minutes.Keys, StringComparer.Ordinal).Union(latency.Keys, StringComparer.Ordinal);
        return tenants.ToDictionary(t => t, t => new TenantSeries(t,
            recentPoints.TryGetValue(t, out var r) ? r.Values.ToList() : [],
            minutes.TryGetValue(t, out var m) ? m : [],
            latency.TryGetValue(t, out var l) ? l : new Dictionary<string, IReadOnlyList<LatencyPoint>>()), StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, double>?> HourUnitsAsync(DateTimeOffset hour, CancellationToken ct)
    {
        var end = hour.AddHours(1);
        if (end > fleet.Clock.GetUtcNow()) return null;
        // No instance scraped when the hour began (a new fleet, or Prometheus's retention ends within it): not whole.
        if ((await fleet.Prometheus.InstantAsync($"up{fleet.Selector()}", hour, ct)).Count == 0) return null;
        var window = new OpsWindow("baseline", "1 h", TimeSpan.FromHours(1), 1);
        var samples = await fleet.Prometheus.InstantAsync(fleet.WindowIncrease(M.Usage, fleet.Selector(), M.Tenant, window, end), end, ct);
        return samples.Where(s => !double.IsNaN(s.Value)).GroupBy(s => s.Label(M.Tenant), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.Value), StringComparer.Ordinal);
    }

    /// <summary>A range answer's points as (start of the step, whole count): each value is the growth in the step before it.</summary>
    private static IEnumerable<(DateTimeOffset At, long Count)> Points(PromSeries series, TimeSpan step) =>
        series.Points.Where(v => !double.IsNaN(v.Value)).Select(v => (v.At - step, (long)Math.Round(v.Value))).Where(v => v.Item2 != 0);

    /// <summary>
    /// Per tenant and operation, the histogram's buckets per point moved onto the rolling store's latency buckets: each
    /// Prometheus bucket's calls go to the one holding its middle (geometric), so a p95 read from them is within the
    /// Prometheus bucket it falls in, as the throughput page's.
    /// </summary>
    private static Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<LatencyPoint>>> Latency(IReadOnlyList<PromSeries> buckets)
    {
        var cumulative = new Dictionary<(string Tenant, string Operation, DateTimeOffset At), SortedDictionary<double, double>>();
        foreach (var s in buckets)
        {
            var le = s.Label(M.Le) == "+Inf" ? double.PositiveInfinity : double.Parse(s.Label(M.Le), NumberStyles.Float, CultureInfo.InvariantCulture);
            foreach (var (at, value) in s.Points)
            {
                if (double.IsNaN(value)) continue;
                var key = (s.Label(M.Tenant), s.Label(M.Operation), at - PointWidth);
                var counts = cumulative.TryGetValue(key, out var known) ? known : cumulative[key] = [];
                counts[le] = counts.GetValueOrDefault(le) + value;
            }
        }
        var result = new Dictionary<string, Dictionary<string, List<LatencyPoint>>>(StringComparer.Ordinal);
        foreach (var ((tenant, operation, at), counts) in cumulative.OrderBy(c => c.Key.At))
        {
            var mapped = new long[LatencyBuckets.Count];
            double lower = 0, below = 0;
            foreach (var (bound, count) in counts)
            {
                var inBucket = (long)Math.Round(count - below);
                if (inBucket > 0)
                {
                    var upper = double.IsPositiveInfinity(bound) ? lower * 2 : bound;
                    var middle = lower <= 0 ? upper / 2 : Math.Sqrt(lower * upper);
                    mapped[LatencyBuckets.IndexOf(TimeSpan.FromSeconds(middle))] += inBucket;
                }
                lower = double.IsPositiveInfinity(bound) ? lower : bound;
                below = Math.Max(below, count);
            }
            var calls = mapped.Sum();
            if (calls == 0) continue;
            var ops = result.TryGetValue(tenant, out var knownOps) ? knownOps : result[tenant] = new(StringComparer.Ordinal);
            (ops.TryGetValue(operation, out var points) ? points : ops[operation] = []).Add(new LatencyPoint(at, calls, mapped));
        }
        return result.ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, IReadOnlyList<LatencyPoint>>)t.Value.ToDictionary(
            o => o.Key, o => (IReadOnlyList<LatencyPoint>)o.Value, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<LatencyPoint>>> LocalLatency(TimeSpan recent) =>
        local.Read(recent).ToDictionary(s => s.Key, s => s.Value.Latency, StringComparer.Ordinal);

    private static DateTimeOffset Floor(DateTimeOffset at, TimeSpan step) => new(at.UtcTicks - at.UtcTicks % step.Ticks, TimeSpan.Zero);
}
