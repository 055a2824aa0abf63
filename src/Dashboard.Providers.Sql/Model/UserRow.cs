namespace Dashboard.Providers.Sql.Model;

/// <summary>A row of <c>users</c>. <see cref="NameKey"/> is the lower-case name, indexed for ordering and prefix search.</summary>
public sealed class UserRow
{
    public required string Id { get; set; }
    public required string Email { get; set; }
    public required string Name { get; set; }
    public required string NameKey { get; set; }
    public string? AvatarUrl { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
    /// <summary>The store call that last wrote this row (<see cref="WriteIds"/>); null for rows older than write ids.</summary>
    public string? WriteId { get; set; }
}
