namespace Dashboard.Operations.Metering.Rolling;

/// <summary>
/// What one series did in one second (or one minute): calls by outcome, a latency histogram, units and
/// throttle events. Fixed size (~350 bytes), reused when its ring wraps around.
/// </summary>
internal sealed class Slot
{
    public long Epoch;
    public int Calls;
    public OutcomeCounts Outcomes;
    public LatencyCounts Latency;
    public double LatencySumMs;
    public double MinMs;
    public double MaxMs;
    public UnitAmounts Units;
    public int ThrottlesRetried;
    public int ThrottlesSurfaced;

    public void Reset(long epoch)
    {
        Epoch = epoch;
        Calls = 0;
        Outcomes = default;
        Latency = default;
        LatencySumMs = 0;
        MinMs = 0;
        MaxMs = 0;
        Units = default;
        ThrottlesRetried = 0;
        ThrottlesSurfaced = 0;
    }

    public void Add(in StoreCall call, int latencyBucket, in UnitAmounts units, int retried, int surfaced)
    {
        var ms = call.Duration.TotalMilliseconds;
        MinMs = Calls == 0 ? ms : Math.Min(MinMs, ms);
        MaxMs = Math.Max(MaxMs, ms);
        Calls++;
        Outcomes[(int)call.Outcome]++;
        Latency[latencyBucket]++;
        LatencySumMs += ms;
        for (var i = 0; i < UsageUnits.Count; i++) Units[i] += units[i];
        ThrottlesRetried += retried;
        ThrottlesSurfaced += surfaced;
    }
}
