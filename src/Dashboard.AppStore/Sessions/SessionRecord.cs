namespace Dashboard.AppStore.Sessions;

/// <summary>A session as the access layer sees it.</summary>
public sealed record SessionRecord(
    string Id,
    string PersonId,
    string PersonName,
    string Role,
    IReadOnlyList<string> Tenants,
    string Source,
    IReadOnlyList<string> SourceRoles,
    string Stamp,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt = null,
    string? RevokedBy = null,
    string? ClientAddress = null,
    string? UserAgent = null)
{
    public bool IsRevoked => RevokedAt is not null;
}
