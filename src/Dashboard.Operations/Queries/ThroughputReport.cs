namespace Dashboard.Operations.Queries;

/// <summary>
/// The throughput page's model: chart points over the window and a table grouped provider → tenant → operation.
/// </summary>
public sealed record ThroughputReport(
    OpsWindow Window,
    IReadOnlyList<string> PointLabels,
    IReadOnlyList<ChartLine> OpsPerSecond,
    IReadOnlyList<ChartLine> LatencyMs,
    IReadOnlyList<ThroughputRow> Rows,
    FiguresScope Scope)
{
    public bool IsEmpty => Rows.Count == 0;

    /// <summary>
    /// Set when the figures have no per-tenant latency or operations (Prometheus's histogram is per provider): what
    /// the tenant rows leave out and why, for the page to say.
    /// </summary>
    public string? TenantDetailMissing { get; init; }

    /// <summary>
    /// The operation rows of the given tenants, read when a page shows them, over the same window as <see cref="Rows"/>;
    /// null when <see cref="Rows"/> already holds every tenant's operations. With thousands of tenants a page shows
    /// ten: their operations are all it needs.
    /// </summary>
    public Func<IReadOnlyCollection<string>, IReadOnlyList<ThroughputRow>>? OperationsOf { get; init; }
}

/// <summary>One line of a chart: a name and one value per point.</summary>
public sealed record ChartLine(string Name, double[] Values);

public enum RowLevel
{
    Provider,
    Tenant,
    Operation,
}

/// <summary>A table row: a provider, a tenant of it, or an operation of that tenant, over the whole window.</summary>
public sealed record ThroughputRow(
    RowLevel Level,
    string Provider,
    string? Tenant,
    string? Operation,
    long Calls,
    double OpsPerSecond,
    double? P50Ms,
    double? P95Ms,
    double? P99Ms,
    double ErrorRate,
    double ConflictRate,
    long ThrottlesRetried,
    long ThrottlesSurfaced)
{
    public string Name => Level switch
    {
        RowLevel.Provider => Provider,
        RowLevel.Tenant => Tenant!,
        _ => Operation!,
    };
}
