namespace Dashboard.Operations.Live;

public enum LiveStatus
{
    /// <summary>Changes are followed.</summary>
    Live,
    /// <summary>The feed failed; it is being reopened from its last position. The page keeps working.</summary>
    Paused,
    /// <summary>The tenant's backend offers no change feed.</summary>
    Unsupported,
}

/// <summary>Whether a page's live updates run, and if not, why (for people).</summary>
public sealed record LiveState(LiveStatus Status, string? Reason = null)
{
    public static LiveState Live { get; } = new(LiveStatus.Live);
}
