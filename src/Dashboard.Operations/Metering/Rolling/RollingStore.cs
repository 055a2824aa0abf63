using System.Collections.Concurrent;

namespace Dashboard.Operations.Metering.Rolling;

/// <summary>
/// The in-process history behind the ops pages: per series, one-second slots for the last hour and one-minute
/// slots for the last 24 hours (<see cref="SeriesRings"/>), plus the latest throttle events. Memory is bounded
/// by series × 5,040 slots, and series are the tenant operations called in the last 24 hours: a series is known
/// by its tenant, provider and operation (not by the key object, which a tenant's store rebuilt after eviction
/// makes anew), and one with no call for a day — nothing any window can read — is dropped. With thousands of
/// busy tenants that is still too much (a series busy every minute holds 1,500 slots, ~0.5 MB), so the store also
/// has a total bound, <see cref="MaxSlots"/>: past it, the oldest slots of every series are let go (a tenth of the
/// bound at a time, whole minutes; when minutes cannot make room, because every series holds at least the chunks of
/// its current minute, the series called least recently go), and the pages built from this store say before when their figures miss history
/// (<see cref="MissingHistory"/>). Prometheus keeps the whole window whatever the number of tenants.
/// <para>
/// Ours rather than a library's: OpenTelemetry, which exports the same calls at /metrics, keeps running totals
/// for a scraper and no history to read a window from, and the ops pages need this instance's last hour by the
/// second and last day by the minute without a Prometheus server. Fleet-wide history belongs to Prometheus.
/// </para>
/// </summary>
public sealed class RollingStore(TimeProvider clock, ThrottleLog throttles, int maxSlots = RollingStore.DefaultMaxSlots) : IStoreCallSink
{
    /// <summary>About 80 MB of slots (~370 bytes each with their share of chunk tables): see the README's figures.</summary>
    public const int DefaultMaxSlots = 200_000;
    /// <summary>Windows up to this long are read from the one-second ring, longer ones from the one-minute ring.</summary>
    public static readonly TimeSpan SecondResolutionSpan = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromHours(24);

    /// <summary>The most slots one series can hold: an hour of seconds and a day of minutes.</summary>
    public const int SlotsPerSeries = SeriesRings.SecondSlots + SeriesRings.MinuteSlots;

    /// <summary>How often series idle for longer than <see cref="MaxWindow"/> are looked for.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<SeriesKey, SeriesRings> _series = new(SeriesKeyComparer.Instance);
    private long _nextSweep;
    private long _nextTrim;
    private long _slots;
    private readonly Lock _trimGate = new();
    private RollingStoreTrim? _trimmed;

    /// <summary>The most slots kept over all series; past it the least recently called series are dropped.</summary>
    public int MaxSlots { get; } = maxSlots > 0 ? maxSlots : throw new ArgumentOutOfRangeException(nameof(maxSlots), "must be more than 0");

    /// <summary>The last time the bound let history go, and before when nothing is kept since; null if it never did.</summary>
    public RollingStoreTrim? Trimmed => _trimmed;

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
        var second = now.ToUnixTimeSeconds();
        var bucket = LatencyBuckets.IndexOf(call.Duration);
        int made;
        // A series the sweep or the trim retired between the lookup and the add refuses the call: it goes to a new one.
        while ((made = Rings(call.Series, second).Add(second, call, bucket, units, retried, surfaced)) < 0) { }
        // At most one trim a second: a trim scans every series, and this runs on every store call.
        if (made > 0 && Interlocked.Add(ref _slots, made) > MaxSlots && second >= Interlocked.Read(ref _nextTrim)) Trim(now);
        SweepIfDue(second);
    }

    /// <summary>The series' rings, made on its first call; a retired one still listed is taken out, so the next lookup makes anew.</summary>
    private SeriesRings Rings(SeriesKey key, long second)
    {
        var rings = _series.GetOrAdd(key, static (k, s) => new SeriesRings(k, s), second);
        if (rings.IsRetired) _series.TryRemove(new KeyValuePair<SeriesKey, SeriesRings>(rings.Key, rings));
        return rings;
    }

    /// <summary>
    /// Lets go of the oldest whole minutes of history, over all series, until a tenth of the bound is free (one
    /// caller at a time); series left with nothing are dropped.
    /// </summary>
    private void Trim(DateTimeOffset now)
    {
        if (!_trimGate.TryEnter()) return;
        try
        {
            var current = Interlocked.Read(ref _slots);
            if (current <= MaxSlots) return;
            var perMinute = new Dictionary<long, int>();
            foreach (var rings in _series.Values) rings.CountByMinute(perMinute);
            // A recount: calls racing a removal may have counted slots of a series already gone.
            current = perMinute.Values.Sum();
            Interlocked.Exchange(ref _slots, current);
            var toFree = current - (MaxSlots - MaxSlots / 10);
            if (toFree <= 0) return;
            long freed = 0, before = 0;
            foreach (var (minute, count) in perMinute.OrderBy(m => m.Key))
            {
                before = minute + 1;
                if ((freed += count) >= toFree) break;
            }
            // The current minute is never let go: what was just recorded stays readable.
            before = Math.Min(before, now.ToUnixTimeSeconds() / 60);
            foreach (var (key, rings) in _series)
            {
                Interlocked.Add(ref _slots, -rings.DropBefore(before));
                if (rings.RetireIfEmpty()) _series.TryRemove(new KeyValuePair<SeriesKey, SeriesRings>(key, rings));
            }
            if (DropLeastRecentlyCalled(MaxSlots - MaxSlots / 10)) before = now.ToUnixTimeSeconds() / 60;
            var cutoff = DateTimeOffset.FromUnixTimeSeconds(before * 60);
            if (_trimmed is null || cutoff > _trimmed.Before) _trimmed = new RollingStoreTrim(now, cutoff);
        }
        finally
        {
            Interlocked.Exchange(ref _nextTrim, now.ToUnixTimeSeconds() + 1);
            _trimGate.Exit();
        }
    }

    /// <summary>
    /// With many tenants each series' current chunks alone can pass the bound, so dropping old minutes frees too
    /// little: then the series called least recently go until <paramref name="target"/> is met. True if any went.
    /// </summary>
    private bool DropLeastRecentlyCalled(long target)
    {
        var remaining = Interlocked.Read(ref _slots);
        if (remaining <= target) return false;
        foreach (var (key, rings) in _series.OrderBy(s => s.Value.LastSecond).ToList())
        {
            if (remaining <= target) break;
            var slots = rings.Retire();
            if (_series.TryRemove(new KeyValuePair<SeriesKey, SeriesRings>(key, rings))) remaining = Interlocked.Add(ref _slots, -slots);
        }
        return true;
    }

    /// <summary>Drops the series with no call in the last day, at most once per <see cref="SweepInterval"/> (one caller does it).</summary>
    private void SweepIfDue(long second)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (second < due || Interlocked.CompareExchange(ref _nextSweep, second + (long)SweepInterval.TotalSeconds, due) != due) return;
        var idleSince = second - (long)MaxWindow.TotalSeconds;
        foreach (var (key, rings) in _series)
            if (rings.RetireIfIdleBefore(idleSince) && _series.TryRemove(new KeyValuePair<SeriesKey, SeriesRings>(key, rings)))
                Interlocked.Add(ref _slots, -rings.AllocatedSlots);
    }

    /// <summary>
    /// Each series' totals over the last <paramref name="window"/> and the same cut into about
    /// <paramref name="points"/> equal chart points (oldest first), optionally only the series <paramref name="include"/> keeps.
    /// </summary>
    public WindowRead Read(TimeSpan window, int points, Func<SeriesKey, bool>? include = null) => Read(FrameOf(window, points), include);

    /// <summary>The last <paramref name="window"/> from now, cut into about <paramref name="points"/> chart points.</summary>
    public WindowFrame FrameOf(TimeSpan window, int points) => WindowFrame.At(clock.GetUtcNow(), window, points);

    /// <summary>Each series' totals and chart points over <paramref name="frame"/>, optionally only the series <paramref name="include"/> keeps.</summary>
    public WindowRead Read(WindowFrame frame, Func<SeriesKey, bool>? include = null)
    {
        var series = new List<SeriesWindow>();
        foreach (var rings in _series.Values)
        {
            if (include is not null && !include(rings.Key)) continue;
            var total = new WindowStats();
            var byPoint = new WindowStats?[frame.PointCount];
            rings.Visit(frame.Minutes, frame.From, frame.To, slot =>
            {
                total.Add(slot);
                (byPoint[frame.PointOf(slot.Epoch)] ??= new WindowStats()).Add(slot);
            });
            if (total.Calls > 0) series.Add(new SeriesWindow(rings.Key, total, byPoint));
        }
        return new WindowRead(frame.Start, frame.PointWidth, frame.Window, frame.PointCount, series);
    }

    /// <summary>
    /// One pass over every series for a fleet-wide page (see <see cref="WindowSummary"/>): per provider and per tenant
    /// totals and per provider chart points, without a chart or an object per series.
    /// </summary>
    public WindowSummary Summarize(TimeSpan window, int points)
    {
        var frame = FrameOf(window, points);
        var providers = new Dictionary<string, WindowStats>(StringComparer.Ordinal);
        var requestPath = new Dictionary<string, WindowStats?[]>(StringComparer.Ordinal);
        var all = new WindowStats?[frame.PointCount];
        var tenants = new Dictionary<(string Provider, string Tenant), TenantWindow>();
        foreach (var rings in _series.Values)
        {
            var key = rings.Key;
            var maintenance = StoreOperations.IsMaintenance(key.Operation);
            TenantWindow? tenant = null;
            WindowStats? provider = null;
            WindowStats?[]? providerPoints = null;
            rings.Visit(frame.Minutes, frame.From, frame.To, slot =>
            {
                if (tenant is null && !tenants.TryGetValue((key.Provider, key.Tenant), out tenant))
                    tenants[(key.Provider, key.Tenant)] = tenant = new TenantWindow(key.Tenant, key.Provider, new WindowStats());
                if (provider is null && !providers.TryGetValue(key.Provider, out provider)) providers[key.Provider] = provider = new WindowStats();
                tenant.Total.Add(slot);
                provider.Add(slot);
                var point = frame.PointOf(slot.Epoch);
                (all[point] ??= new WindowStats()).Add(slot);
                if (maintenance) return;
                if (providerPoints is null && !requestPath.TryGetValue(key.Provider, out providerPoints))
                    requestPath[key.Provider] = providerPoints = new WindowStats?[frame.PointCount];
                (providerPoints[point] ??= new WindowStats()).Add(slot);
            });
        }
        return new WindowSummary(frame, providers, requestPath, all, tenants.Values.ToList());
    }

    /// <summary>
    /// The busiest single second (or minute, past an hour, divided by 60) of each tenant in the window, per unit:
    /// the capacity provisioned mode would have needed (schema and bulk loads left out).
    /// </summary>
    public IReadOnlyDictionary<string, double[]> PeakUnitsPerSecond(TimeSpan window)
    {
        var frame = FrameOf(window, 1);
        var resolution = frame.Minutes ? 60 : 1;
        var slots = (int)(frame.To - frame.From + 1);
        // One tenant at a time into one buffer of (slot × unit) sums: memory for one window, not one entry per tenant and second.
        var sums = new double[slots * UsageUnits.Count];
        var touched = new List<int>();
        var peaks = new Dictionary<string, double[]>(StringComparer.Ordinal);
        // Schema creation and bulk loads are one-off bursts nobody provisions for; the request path is what counts.
        foreach (var tenant in _series.Values.Where(r => !StoreOperations.IsMaintenance(r.Key.Operation)).GroupBy(r => r.Key.Tenant, StringComparer.Ordinal))
        {
            foreach (var rings in tenant)
                rings.Visit(frame.Minutes, frame.From, frame.To, slot =>
                {
                    var at = (int)(slot.Epoch - frame.From) * UsageUnits.Count;
                    touched.Add(at);   // a slot twice (two operations) is harmless: read, then zeroed, once each
                    for (var i = 0; i < UsageUnits.Count; i++) sums[at + i] += slot.Units[i] / resolution;
                });
            if (touched.Count == 0) continue;
            var peak = peaks[tenant.Key] = new double[UsageUnits.Count];
            foreach (var at in touched)
                for (var i = 0; i < UsageUnits.Count; i++)
                {
                    peak[i] = Math.Max(peak[i], sums[at + i]);
                    sums[at + i] = 0;
                }
            touched.Clear();
        }
        return peaks;
    }

    /// <summary>
    /// What a page over <paramref name="window"/> must say when the bound let go of history within it; null when it did not.
    /// </summary>
    public string? MissingHistory(TimeSpan window) =>
        _trimmed is { } t && t.Before > clock.GetUtcNow() - window
            ? $"This instance's figures before {t.Before:HH:mm} UTC are missing: its rolling store keeps at most {MaxSlots:N0} slots " +
              "(Metrics:RollingStoreMaxSlots) and let the oldest go at this traffic. Prometheus (Metrics:Source) keeps the whole window."
            : null;

    /// <summary>Series kept and the slots they hold (the memory bound's two factors).</summary>
    public (int Series, int Slots) Size => (_series.Count, _series.Values.Sum(r => r.AllocatedSlots));

    /// <summary>Chunks of 15 slot references the series made (each 144 bytes).</summary>
    public int Chunks => _series.Values.Sum(r => r.AllocatedChunks);
}

/// <summary>When the rolling store's bound last let history go, and the time before which it keeps nothing.</summary>
public sealed record RollingStoreTrim(DateTimeOffset At, DateTimeOffset Before);

/// <summary>One series over a window: its totals and its chart points (null where it had no calls).</summary>
public sealed record SeriesWindow(SeriesKey Key, WindowStats Total, IReadOnlyList<WindowStats?> Points);

/// <summary>A read of the rolling store: when the first point starts, how wide each point is, and the series.</summary>
public sealed record WindowRead(DateTimeOffset Start, TimeSpan PointWidth, TimeSpan Window, int PointCount, IReadOnlyList<SeriesWindow> Series)
{
    public DateTimeOffset PointStart(int index) => Start + PointWidth * index;
}
