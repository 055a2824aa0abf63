namespace Dashboard.AppStore.Tenants;

/// <summary>One tenant of the registry. <see cref="RowVersion"/> moves on every write (optimistic concurrency).</summary>
public sealed class TenantRow
{
    public string Id { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Provider { get; set; } = "";
    public string SettingsJson { get; set; } = "{}";
    public bool Disabled { get; set; }
    public bool Pinned { get; set; }
    public long RowVersion { get; set; }
    public string UpdatedBy { get; set; } = "";
    public long UpdatedAtUnixMs { get; set; }
}

/// <summary>The registry's single change-version row: every tenant write moves it, every instance polls it.</summary>
public sealed class TenantRegistryVersionRow
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;
    public long Version { get; set; }
}
