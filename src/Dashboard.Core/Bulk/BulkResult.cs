namespace Dashboard.Core.Bulk;

public enum BulkOutcome
{
    Updated,
    /// <summary>Someone changed the order since it was listed; it was left as they made it.</summary>
    Conflict,
    /// <summary>The life cycle does not allow the move from the order's status.</summary>
    IllegalTransition,
    /// <summary>Not changed for another reason (throttled after retries, backend down, gone, not attempted); may be retried.</summary>
    Failed,
}

/// <summary>What happened to one order of a bulk change, with a sentence for the person.</summary>
public sealed record BulkResult(BulkTarget Target, BulkOutcome Outcome, string Message, Order? Updated = null);

/// <summary>How far a bulk change is: orders finished so far and what became of them.</summary>
public sealed record BulkProgress(int Done, int Total, int Updated, int Conflicts, int IllegalTransitions, int Failed);
