namespace Dashboard.Core.Live;

/// <summary>
/// A committed change seen by a change feed: <see cref="EntityId"/> moved to <see cref="Version"/> (for a listing:
/// joined it). <see cref="Cursor"/> is opaque and provider-specific; watching again after it resumes right after
/// this change. <see cref="ChangedBy"/> is filled in when the dashboard knows who wrote it (its audit log).
/// </summary>
public sealed record DataChange(WatchTarget Target, string EntityId, long Version, string Cursor, DateTimeOffset? At = null)
{
    public string? ChangedBy { get; init; }
}
