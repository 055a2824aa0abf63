namespace Dashboard.AppStore.RecentTenants;

/// <summary>One tenant a person opened, and when they last did.</summary>
public sealed class RecentTenantRow
{
    public string PersonId { get; set; } = "";
    public string Tenant { get; set; } = "";
    public long OpenedAtUnixMs { get; set; }
}
