using System.Collections.Concurrent;

namespace Dashboard.Operations.Metering.Rolling;

/// <summary>
/// The in-process history behind the ops pages: per series, one-second slots for the last hour and one-minute
/// slots for the last 24 hours (<see cref="SeriesRings"/>), plus the latest throttle events. Memory is bounded
/// by series × 5,040 slots; series are tenants × 12 operations, both fixed by configuration.
/// <para>
/// Ours rather than a library's: OpenTelemetry, which exports the same calls at /metrics, keeps running totals
/// for a scraper and no history to read a window from, and the ops pages need this instance's last hour by the
/// second and last day by the minute without a Prometheus server. Fleet-wide history belongs to Prometheus.
/// </para>
/// </summary>
public sealed class RollingStore(TimeProvider clock, ThrottleLog throttles) : IStoreCallSink
{
    /// <summary>Windows up to this long are read from the one-second ring, longer ones from the one-minute ring.</summary>
    public static readonly TimeSpan SecondResolutionSpan = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromHours(24);

    /// <summary>The most slots one series can hold: an hour of seconds and a day of minutes.</summary>
    public const int SlotsPerSeries = SeriesRings.SecondSlots + SeriesRings.MinuteSlots;

    private readonly ConcurrentDictionary<SeriesKey, SeriesRings> _series = new(ReferenceEqualityComparer.Instance);

    public ThrottleLog Throttles => throttles;

    public TimeProvider Clock => clock;

    public void Record(in StoreCall call)
    {
        var now = clock.GetUtcNow();
        var units = call.Usage.UnitAmounts;
        int retried = 0, surfaced = 0;
        if (call.Usage.ThrottleCount > 0)
        {
            foreach (var t in call.Usage.Throttles)
            {
                if (t.Retried) retried++; else surfaced++;
                throttles.Add(new ThrottleRecord(t.At, call.Series.Tenant, call.Series.Provider, call.Series.OperationName, t.Cause, t.Retried));
            }
        }
        var rings = _series.GetOrAdd(call.Series, static key => new SeriesRings(key));
        rings.Add(now.ToUnixTimeSeconds(), call, LatencyBuckets.IndexOf(call.Duration), units, retried, surfaced);
    }

    /// <summary>
    /// Each series' totals over the last <paramref name="window"/> and the same cut into about
    /// <paramref name="points"/> equal chart points (oldest first), optionally only the series <paramref name="include"/> keeps.
    /// </summary>
    public WindowRead Read(TimeSpan window, int points, Func<SeriesKey, bool>? include = null)
    {
        if (window > MaxWindow) window = MaxWindow;
        var minutes = window > SecondResolutionSpan;
        var resolution = minutes ? 60 : 1;
        var nowSecond = clock.GetUtcNow().ToUnixTimeSeconds();
        var to = nowSecond / resolution;
        var slotsInWindow = Math.Max(1, (long)window.TotalSeconds / resolution);
        var from = to - slotsInWindow + 1;
        var slotsPerPoint = Math.Max(1, (long)Math.Ceiling((double)slotsInWindow / Math.Max(1, points)));
        var pointCount = (int)Math.Ceiling((double)slotsInWindow / slotsPerPoint);

        var series = new List<SeriesWindow>();
        foreach (var rings in _series.Values)
        {
            if (include is not null && !include(rings.Key)) continue;
            var total = new WindowStats();
            var byPoint = new WindowStats?[pointCount];
            rings.Visit(minutes, from, to, slot =>
            {
                total.Add(slot);
                var p = (int)((slot.Epoch - from) / slotsPerPoint);
                (byPoint[p] ??= new WindowStats()).Add(slot);
            });
            if (total.Calls > 0) series.Add(new SeriesWindow(rings.Key, total, byPoint));
        }
        var start = DateTimeOffset.FromUnixTimeSeconds(from * resolution);
        return new WindowRead(start, TimeSpan.FromSeconds(slotsPerPoint * resolution), TimeSpan.FromSeconds(slotsInWindow * resolution), pointCount, series);
    }

    /// <summary>
    /// The busiest single second (or minute, past an hour, divided by 60) of each tenant in the window, per unit:
    /// the capacity provisioned mode would have needed (schema and bulk loads left out).
    /// </summary>
    public IReadOnlyDictionary<string, double[]> PeakUnitsPerSecond(TimeSpan window)
    {
        if (window > MaxWindow) window = MaxWindow;
        var minutes = window > SecondResolutionSpan;
        var resolution = minutes ? 60 : 1;
        var to = clock.GetUtcNow().ToUnixTimeSeconds() / resolution;
        var from = to - Math.Max(1, (long)window.TotalSeconds / resolution) + 1;
        var perTenantSlot = new Dictionary<(string Tenant, long Epoch), double[]>();
        // Schema creation and bulk loads are one-off bursts nobody provisions for; the request path is what counts.
        foreach (var rings in _series.Values.Where(r => !StoreOperations.IsMaintenance(r.Key.Operation)))
        {
            rings.Visit(minutes, from, to, slot =>
            {
                var key = (rings.Key.Tenant, slot.Epoch);
                if (!perTenantSlot.TryGetValue(key, out var sums)) perTenantSlot[key] = sums = new double[UsageUnits.Count];
                for (var i = 0; i < UsageUnits.Count; i++) sums[i] += slot.Units[i] / resolution;
            });
        }
        var peaks = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var ((tenant, _), sums) in perTenantSlot)
        {
            if (!peaks.TryGetValue(tenant, out var peak)) peaks[tenant] = peak = new double[UsageUnits.Count];
            for (var i = 0; i < UsageUnits.Count; i++) peak[i] = Math.Max(peak[i], sums[i]);
        }
        return peaks;
    }

    /// <summary>Series seen so far and the slots they hold (the memory bound's two factors).</summary>
    public (int Series, int Slots) Size => (_series.Count, _series.Values.Sum(r => r.AllocatedSlots));
}

/// <summary>One series over a window: its totals and its chart points (null where it had no calls).</summary>
public sealed record SeriesWindow(SeriesKey Key, WindowStats Total, IReadOnlyList<WindowStats?> Points);

/// <summary>A read of the rolling store: when the first point starts, how wide each point is, and the series.</summary>
public sealed record WindowRead(DateTimeOffset Start, TimeSpan PointWidth, TimeSpan Window, int PointCount, IReadOnlyList<SeriesWindow> Series)
{
    public DateTimeOffset PointStart(int index) => Start + PointWidth * index;
}
