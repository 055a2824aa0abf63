namespace Dashboard.AppStore.Sessions;

/// <summary>
/// A stored sign-in session. <see cref="Id"/> is the SHA-256 of the secret token the cookie carries, so reading
/// this table gives no usable session. Times are Unix milliseconds (compared and indexed natively by SQLite and MySQL).
/// </summary>
public sealed class SessionRow
{
    public string Id { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string PersonName { get; set; } = "";
    public string Role { get; set; } = "";
    public string TenantsJson { get; set; } = "[]";

    /// <summary>"Local" or "OpenIdConnect".</summary>
    public string Source { get; set; } = "";

    /// <summary>The identity provider's role values as signed in (mapped again on every check); empty for local accounts.</summary>
    public string SourceRolesJson { get; set; } = "[]";

    /// <summary>The account's security stamp at sign-in; a session whose account stamp changed is over.</summary>
    public string Stamp { get; set; } = "";

    public long CreatedAtUnixMs { get; set; }
    public long LastSeenAtUnixMs { get; set; }
    public long ExpiresAtUnixMs { get; set; }
    public long? RevokedAtUnixMs { get; set; }
    public string? RevokedBy { get; set; }
    public string? ClientAddress { get; set; }
    public string? UserAgent { get; set; }
}
