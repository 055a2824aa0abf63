namespace Dashboard.Core.Usage;

/// <summary>
/// Throttle events of every instance, kept where they all can read them (the app store), so the throttling page's
/// cause list and latest events are fleet-wide. Instances append in batches; the store is bounded by age and count.
/// </summary>
public interface IThrottleEventStore
{
    Task AppendAsync(IReadOnlyList<ThrottleRecord> events, CancellationToken ct);

    /// <summary>Events at or after <paramref name="since"/> (of one tenant, or all): the newest <paramref name="latest"/>, totals by cause, and how many.</summary>
    Task<ThrottleEventsRead> ReadAsync(DateTimeOffset since, string? tenant, int latest, CancellationToken ct);

    /// <summary>Deletes events before <paramref name="before"/>, then the oldest beyond <paramref name="keepAtMost"/>; returns how many went.</summary>
    Task<int> PruneAsync(DateTimeOffset before, int keepAtMost, CancellationToken ct);
}

public sealed record ThrottleEventsRead(IReadOnlyList<ThrottleRecord> Latest, IReadOnlyList<ThrottleCauseCount> Causes, long Count);

/// <summary>Events of one cause at one instance's tenant operation: retried and surfaced counts, and the latest.</summary>
public sealed record ThrottleCauseCount(string Instance, string Provider, string Tenant, string Operation, string Cause, long Retried, long Surfaced, DateTimeOffset LastSeen);
