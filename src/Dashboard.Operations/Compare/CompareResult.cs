namespace Dashboard.Operations.Compare;

/// <summary>One operation's calls and latency on one provider.</summary>
public sealed record OperationLatency(string Operation, long Calls, double P50Ms, double P95Ms, double P99Ms);

/// <summary>
/// What one provider achieved: rate, latency per operation, throttles, units, and the price sheet's estimate
/// (null dollars with <see cref="CostNote"/> saying why: "rate not set" stays honest).
/// </summary>
public sealed record ProviderResult(
    string ProviderKind,
    string Provider,
    string BasisTenant,
    string State,
    string? Error,
    long Calls,
    long Failed,
    double Seconds,
    double OpsPerSecond,
    OperationLatency Overall,
    IReadOnlyList<OperationLatency> Operations,
    long Throttles,
    long ThrottlesSurfaced,
    IReadOnlyDictionary<string, double> UnitsPer1000,
    decimal? UsdPerMillionOps,
    decimal? UsdPerMonth,
    string CostNote,
    double SeedSeconds);

/// <summary>A whole comparison: what was asked, by whom, how it ended, and a row per provider.</summary>
public sealed record CompareResult(
    string Id,
    string Workload,
    IReadOnlyDictionary<string, double> Mix,
    int Users,
    int Orders,
    int RatePerSecond,
    double DurationSeconds,
    string StartedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string State,
    string? Message,
    IReadOnlyList<ProviderResult> Providers)
{
    public string Summary => $"{Workload}, {Users:N0} users / {Orders:N0} orders, {RatePerSecond} calls/s for {DurationSeconds:0} s, {Providers.Count} provider(s)";
}

public static class CompareStates
{
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";
}
