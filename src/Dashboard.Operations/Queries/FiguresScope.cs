namespace Dashboard.Operations.Queries;

/// <summary>
/// Whose calls an ops page's figures count, said on the page: every instance (from Prometheus) or this instance
/// only (its own rolling store) — and, when Prometheus was asked but did not answer, why the page fell back.
/// </summary>
/// <param name="Instances">Fleet-wide: each instance Prometheus scrapes, and whether its last scrape succeeded.</param>
public sealed record FiguresScope(bool FleetWide, string InstanceName, IReadOnlyList<InstanceUp> Instances, string? Problem = null)
{
    public static FiguresScope ThisInstance(string instanceName, string? problem = null) => new(false, instanceName, [], problem);

    /// <summary>This instance's figures miss some history (the rolling store's bound dropped series): why, for the page.</summary>
    public string? MissingHistory { get; init; }

    /// <summary>Fleet-wide: the moment Prometheus was asked about, so anyone can ask it the same question again.</summary>
    public DateTimeOffset? AsOf { get; init; }

    public static FiguresScope Fleet(string instanceName, IReadOnlyList<InstanceUp> instances, DateTimeOffset asOf) =>
        new(true, instanceName, instances) { AsOf = asOf };
}

/// <summary>An instance as Prometheus last saw it: <c>up</c> is 1 when its last scrape answered.</summary>
public sealed record InstanceUp(string Name, bool Up);
