namespace Dashboard.Operations.Load;

/// <summary>How much load: calls per second for how long, and how many may be in flight before calls are skipped.</summary>
public sealed record LoadPlan(string Tenant, int RatePerSecond, TimeSpan Duration, int MaxInFlight = 256)
{
    /// <summary>How the calls that pick the load's targets (users, orders) are retried before the load starts.</summary>
    public SamplingPatience Sampling { get; init; } = SamplingPatience.Default;
}

/// <summary>What a run did: calls started, how they ended, and calls skipped because too many were in flight.</summary>
public sealed record LoadSummary(long Started, long Skipped, IReadOnlyDictionary<StoreOutcome, long> ByOutcome, TimeSpan Elapsed)
{
    public long Completed => ByOutcome.Values.Sum();
    public double AchievedRate => Elapsed.TotalSeconds == 0 ? 0 : Completed / Elapsed.TotalSeconds;
}
