namespace Dashboard.Core.Stores;

/// <summary>Which field a user listing is ordered and prefix-filtered by.</summary>
public enum UserSortField
{
    Email,
    Name,
}

/// <summary>
/// A users listing: ordered by email (default) or by name, optionally only those whose field starts with
/// <see cref="Prefix"/> (case-insensitive). Served by an index on every backend, never a table scan.
/// </summary>
public sealed record UserQuery(UserSortField Field = UserSortField.Email, string? Prefix = null)
{
    public static UserQuery All { get; } = new();

    /// <summary>
    /// The prefix in the form the field is stored and compared in, or null when empty: an email prefix is folded
    /// like an email (NFKC, so a full-width "ａｄａ" finds ada), a name prefix trimmed and lower-cased.
    /// </summary>
    public string? NormalizedPrefix => string.IsNullOrWhiteSpace(Prefix) ? null
        : Field == UserSortField.Email ? UserRules.NormalizeEmail(Prefix) : Prefix.Trim().ToLowerInvariant();
}
