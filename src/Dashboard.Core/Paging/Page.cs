namespace Dashboard.Core.Paging;

/// <summary>A request for one page: its size and the opaque token of the previous page (null for the first).</summary>
public sealed record PageRequest(int Size = PageRequest.DefaultSize, string? ContinuationToken = null)
{
    public const int DefaultSize = 25;
    public const int MaxSize = 100;
}

/// <summary>
/// One page of results. <see cref="ContinuationToken"/> is opaque to callers and null on the last page.
/// <see cref="ApproximateTotal"/> is an estimate from backend statistics (never a COUNT over a table) or null.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken, long? ApproximateTotal = null)
{
    public bool HasMore => ContinuationToken is not null;
}
