namespace Dashboard.Core.Domain;

/// <summary>A tenant's customer. Email is stored lower-case and unique per tenant.</summary>
public sealed record User(
    string Id,
    string Email,
    string Name,
    string? AvatarUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);

/// <summary>What a person supplies to create a user.</summary>
public sealed record NewUser(string Email, string Name, string? AvatarUrl = null);

/// <summary>The editable fields of a user; the whole set replaces the current values.</summary>
public sealed record UserChanges(string Email, string Name, string? AvatarUrl = null);
