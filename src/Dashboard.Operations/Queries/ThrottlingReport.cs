namespace Dashboard.Operations.Queries;

/// <summary>The throttling page's model: events over time, totals by cause, the latest events, and circuits.</summary>
public sealed record ThrottlingReport(
    OpsWindow Window,
    IReadOnlyList<string> PointLabels,
    IReadOnlyList<ChartLine> EventsPerPoint,
    IReadOnlyList<ThrottleCauseRow> ByCause,
    IReadOnlyList<ThrottleRecord> Latest,
    long Retried,
    long Surfaced,
    bool LogCoversWindow,
    IReadOnlyList<CircuitRow> Circuits,
    FiguresScope Scope)
{
    /// <summary>Why the list holds fewer events than the counts (null when it holds them all), in words.</summary>
    public string? ListGap { get; init; }
}

/// <param name="Instance">The instance that met the throttling; null on this-instance-only pages.</param>
/// <param name="LastSeen">Null when no listed event shows it (Prometheus counted it, the list does not hold it).</param>
public sealed record ThrottleCauseRow(string Provider, string Tenant, string Operation, string Cause, long Retried, long Surfaced, DateTimeOffset? LastSeen, string? Instance = null);

/// <param name="LastProbe">The prober's latest ping of the backend (null until the circuit first opened).</param>
/// <param name="Instance">The instance whose circuit it is; the details (opened, probe, refused) are known for this instance only.</param>
public sealed record CircuitRow(string Tenant, string Provider, CircuitState State, DateTimeOffset? OpenedAt, long Rejected, ProbeResult? LastProbe, string? Instance = null);

/// <summary>Each provider's throttling vocabulary, shown on the page so the causes read as the provider's docs do.</summary>
public static class ThrottleVocabulary
{
    public static IReadOnlyList<(string Provider, string Answers)> All { get; } =
    [
        (StoreProducts.DynamoDb, "ProvisionedThroughputExceededException, ThrottlingException, RequestLimitExceeded (HTTP 400); per attempt, the SDK's own retries included"),
        (StoreProducts.PlanetScale, "MySQL error 1040 Too many connections; Vitess RESOURCE_EXHAUSTED"),
        (StoreProducts.Fauna, "HTTP 429 limit_exceeded; stats.rate_limits_hit"),
        (StoreProducts.SqliteSandbox, "SQLITE_BUSY (database is locked) after the busy timeout"),
    ];
}
