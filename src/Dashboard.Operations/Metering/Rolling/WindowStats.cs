using Dashboard.Core.Usage;

namespace Dashboard.Operations.Metering.Rolling;

/// <summary>Calls, outcomes, latency, units and throttles summed over a span of slots (a window or a chart point).</summary>
public sealed class WindowStats
{
    private readonly long[] _outcomes = new long[StoreOutcomes.Count];
    private readonly long[] _latency = new long[LatencyBuckets.Count];
    private readonly double[] _units = new double[UsageUnits.Count];

    public long Calls { get; private set; }
    public double LatencySumMs { get; private set; }
    public double MinMs { get; private set; }
    public double MaxMs { get; private set; }
    public long ThrottlesRetried { get; private set; }
    public long ThrottlesSurfaced { get; private set; }

    public long Outcome(StoreOutcome outcome) => _outcomes[(int)outcome];
    public double Units(UsageUnit unit) => _units[(int)unit];
    public ReadOnlySpan<long> LatencyCounts => _latency;

    public long Failures => Outcome(StoreOutcome.Throttled) + Outcome(StoreOutcome.Unavailable) + Outcome(StoreOutcome.Error);

    /// <summary>Share of calls that failed (throttled, unavailable, error); 0 when there were none.</summary>
    public double ErrorRate => Calls == 0 ? 0 : (double)Failures / Calls;

    public double ConflictRate => Calls == 0 ? 0 : (double)Outcome(StoreOutcome.Conflict) / Calls;

    public double? MeanMs => Calls == 0 ? null : LatencySumMs / Calls;

    /// <summary>The q-quantile from the buckets, kept within the exact minimum and maximum seen.</summary>
    public double? PercentileMs(double q) =>
        LatencyBuckets.Quantile(_latency, q) is { } ms ? Math.Clamp(ms, MinMs, MaxMs) : null;

    private void AddRange(long calls, double min, double max)
    {
        if (calls == 0) return;
        MinMs = Calls == 0 ? min : Math.Min(MinMs, min);
        MaxMs = Calls == 0 ? max : Math.Max(MaxMs, max);
    }

    internal void Add(Slot slot)
    {
        AddRange(slot.Calls, slot.MinMs, slot.MaxMs);
        Calls += slot.Calls;
        LatencySumMs += slot.LatencySumMs;
        ThrottlesRetried += slot.ThrottlesRetried;
        ThrottlesSurfaced += slot.ThrottlesSurfaced;
        for (var i = 0; i < StoreOutcomes.Count; i++) _outcomes[i] += slot.Outcomes[i];
        for (var i = 0; i < LatencyBuckets.Count; i++) _latency[i] += slot.Latency[i];
        for (var i = 0; i < UsageUnits.Count; i++) _units[i] += slot.Units[i];
    }

    public void Add(WindowStats other)
    {
        AddRange(other.Calls, other.MinMs, other.MaxMs);
        Calls += other.Calls;
        LatencySumMs += other.LatencySumMs;
        ThrottlesRetried += other.ThrottlesRetried;
        ThrottlesSurfaced += other.ThrottlesSurfaced;
        for (var i = 0; i < StoreOutcomes.Count; i++) _outcomes[i] += other._outcomes[i];
        for (var i = 0; i < LatencyBuckets.Count; i++) _latency[i] += other._latency[i];
        for (var i = 0; i < UsageUnits.Count; i++) _units[i] += other._units[i];
    }
}
