using System.Numerics;

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

    internal void Add(Slot slot)
    {
        AddTotals(slot.Calls, slot.MinMs, slot.MaxMs, slot.LatencySumMs, slot.ThrottlesRetried, slot.ThrottlesSurfaced);
        AddEach<int, long>(_outcomes, slot.Outcomes);
        AddEach<int, long>(_latency, slot.Latency);
        AddEach<double, double>(_units, slot.Units);
    }

    public void Add(WindowStats other)
    {
        AddTotals(other.Calls, other.MinMs, other.MaxMs, other.LatencySumMs, other.ThrottlesRetried, other.ThrottlesSurfaced);
        AddEach(_outcomes, other._outcomes);
        AddEach(_latency, other._latency);
        AddEach(_units, other._units);
    }

    private void AddTotals(long calls, double min, double max, double latencySumMs, long retried, long surfaced)
    {
        if (calls > 0)
        {
            MinMs = Calls == 0 ? min : Math.Min(MinMs, min);
            MaxMs = Calls == 0 ? max : Math.Max(MaxMs, max);
        }
        Calls += calls;
        LatencySumMs += latencySumMs;
        ThrottlesRetried += retried;
        ThrottlesSurfaced += surfaced;
    }

    // A slot counts in ints (it is one second), a window in longs.
    private static void AddEach<TFrom, TTo>(Span<TTo> into, ReadOnlySpan<TFrom> from)
        where TFrom : INumberBase<TFrom> where TTo : INumberBase<TTo>
    {
        for (var i = 0; i < into.Length; i++) into[i] += TTo.CreateTruncating(from[i]);
    }
}
