namespace Dashboard.Core.Audit;

/// <summary>
/// A filtered slice of the audit log, newest first, keyset-paged: <see cref="BeforeId"/> is the last id of the
/// previous page (entries with smaller ids follow). Time bounds are inclusive from, exclusive to.
/// </summary>
public sealed record AuditQuery(
    string? Tenant = null,
    string? Actor = null,
    string? Entity = null,
    string? EntityId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    long? BeforeId = null,
    int Size = 50)
{
    public const int MaxSize = 200;
}

/// <summary>A page of entries; <see cref="NextBeforeId"/> is set when older entries may follow.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? NextBeforeId);
