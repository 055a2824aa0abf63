namespace Dashboard.Operations.Resilience;

/// <summary>
/// Keeps the metering scope's throttle events one per attempt, marked retried or surfaced: a provider's own
/// event for its final answer is re-marked, and one is added for providers that report none (the SQLite sandbox).
/// </summary>
internal static class ThrottleAccounting
{
    /// <summary>An attempt ended throttled: until a retry follows, its event counts as surfaced.</summary>
    public static void Surfaced(CallUsage? usage, int throttlesBefore, ThrottledException e)
    {
        if (usage is not null && !usage.MarkLastThrottle(throttlesBefore, retried: false)) usage.RecordThrottle(e.Cause, retried: false);
    }

    /// <summary>The retry strategy is about to try again: the last attempt's event was retried after all.</summary>
    public static void Retried(CallUsage? usage)
    {
        if (usage is { ThrottleCount: > 0 } u) u.MarkLastThrottle(u.ThrottleCount - 1, retried: true);
    }
}
