namespace Dashboard.Operations.Alerts;

/// <summary>One tenant's series for the rules: recent 10-second points, per-minute units, and per-operation latency.</summary>
public sealed record TenantSeries(
    string Tenant,
    IReadOnlyList<TenantPoint> Recent,
    IReadOnlyList<TenantPoint> Minutes,
    IReadOnlyDictionary<string, IReadOnlyList<LatencyPoint>> Latency);

/// <summary>
/// Reads the rules' series from this instance's rolling store: the last <c>recent</c> span in 10-second points
/// (throttling, errors, latency; no latency series for schema creation and bulk loads), and minutes from the one-minute ring (units spike; schema and bulk loads left out,
/// as nobody provisions for them). Figures are this instance's: the instance holding the lease judges what it saw.
/// </summary>
public sealed class RollingAlertInputs(RollingStore store) : IAlertInputs
{
    public const int RecentPointSeconds = 10;

    // The store holds what this process saw since it started: an hour begun before that is not whole here.
    private readonly DateTimeOffset _since = store.Clock.GetUtcNow();

    public string Scope => "this instance";

    public Task<IReadOnlyDictionary<string, TenantSeries>> ReadAsync(TimeSpan recent, CancellationToken ct) => Task.FromResult(Read(recent));

    public Task<IReadOnlyDictionary<string, double>?> HourUnitsAsync(DateTimeOffset hour, CancellationToken ct)
    {
        var now = store.Clock.GetUtcNow();
        var end = hour.AddHours(1);
        // Not whole here: begun before this process, trimmed by the store's bound, or older than its day of minutes.
        if (hour < _since || store.Trimmed is { } t && t.Before > hour || end > now || now - hour > RollingStore.MaxWindow - TimeSpan.FromMinutes(1))
            return Task.FromResult<IReadOnlyDictionary<string, double>?>(null);
        var span = RollingStore.MaxWindow;
        var read = store.Read(span, (int)span.TotalMinutes, k => !StoreOperations.IsMaintenance(k.Operation));
        var units = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in read.Series)
            for (var i = 0; i < s.Points.Count; i++)
            {
                if (s.Points[i] is not { } stats) continue;
                var at = read.PointStart(i);
                if (at < hour || at >= end) continue;
                units[s.Key.Tenant] = units.GetValueOrDefault(s.Key.Tenant) + UsageUnits.All.Sum(u => stats.Units(u));
            }
        return Task.FromResult<IReadOnlyDictionary<string, double>?>(units);
    }

    public IReadOnlyDictionary<string, TenantSeries> Read(TimeSpan recent)
    {
        var recentRead = store.Read(recent, (int)Math.Ceiling(recent.TotalSeconds / RecentPointSeconds));
        // Past an hour the store reads its minute ring, whose points start on the minute: the spike rule needs whole minutes.
        var minuteSpan = TimeSpan.FromMinutes(RollingStore.SecondResolutionSpan.TotalMinutes + 1);
        var minuteRead = store.Read(minuteSpan, (int)minuteSpan.TotalMinutes, k => !StoreOperations.IsMaintenance(k.Operation));

        var recentByTenant = new Dictionary<string, SortedDictionary<DateTimeOffset, TenantPoint>>(StringComparer.Ordinal);
        var latency = new Dictionary<string, Dictionary<string, IReadOnlyList<LatencyPoint>>>(StringComparer.Ordinal);
        foreach (var s in recentRead.Series)
        {
            var points = recentByTenant.TryGetValue(s.Key.Tenant, out var known) ? known : recentByTenant[s.Key.Tenant] = [];
            var ops = latency.TryGetValue(s.Key.Tenant, out var knownOps) ? knownOps : latency[s.Key.Tenant] = new(StringComparer.Ordinal);
            var opPoints = new List<LatencyPoint>();
            for (var i = 0; i < s.Points.Count; i++)
            {
                if (s.Points[i] is not { } stats) continue;
                var at = recentRead.PointStart(i);
                points[at] = Add(points.GetValueOrDefault(at, new TenantPoint(at, 0, 0, 0, 0, 0)), stats);
                opPoints.Add(new LatencyPoint(at, stats.Calls, stats.LatencyCounts.ToArray()));
            }
            // Schema creation and bulk loads are one-off and slow by nature: no latency alert for them.
            if (!StoreOperations.IsMaintenance(s.Key.Operation)) ops[s.Key.OperationName] = opPoints;
        }

        var minutesByTenant = new Dictionary<string, SortedDictionary<DateTimeOffset, TenantPoint>>(StringComparer.Ordinal);
        foreach (var s in minuteRead.Series)
        {
            var points = minutesByTenant.TryGetValue(s.Key.Tenant, out var known) ? known : minutesByTenant[s.Key.Tenant] = [];
            for (var i = 0; i < s.Points.Count; i++)
            {
                if (s.Points[i] is not { } stats) continue;
                var at = minuteRead.PointStart(i);
                points[at] = Add(points.GetValueOrDefault(at, new TenantPoint(at, 0, 0, 0, 0, 0)), stats);
            }
        }

        var tenants = recentByTenant.Keys.Union(minutesByTenant.Keys, StringComparer.Ordinal);
        return tenants.ToDictionary(t => t, t => new TenantSeries(t,
            recentByTenant.TryGetValue(t, out var r) ? r.Values.ToList() : [],
            minutesByTenant.TryGetValue(t, out var m) ? m.Values.ToList() : [],
            latency.TryGetValue(t, out var l) ? l : new Dictionary<string, IReadOnlyList<LatencyPoint>>()), StringComparer.Ordinal);
    }

    private static TenantPoint Add(TenantPoint p, WindowStats s) => p with
    {
        Calls = p.Calls + s.Calls,
        Failures = p.Failures + s.Failures,
        Retried = p.Retried + s.ThrottlesRetried,
        Surfaced = p.Surfaced + s.ThrottlesSurfaced,
        Units = p.Units + UsageUnits.All.Sum(u => s.Units(u)),
    };
}
