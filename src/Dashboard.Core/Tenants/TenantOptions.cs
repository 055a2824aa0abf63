namespace Dashboard.Core.Tenants;

/// <summary>One entry of <c>appsettings.json → Tenants</c>: which backend holds the tenant and how to reach it.</summary>
public sealed class TenantOptions
{
    /// <summary>A provider kind: Sqlite, PlanetScale, DynamoDb or Fauna.</summary>
    public string Provider { get; set; } = "";

    public string? DisplayName { get; set; }

    /// <summary>Kept as configured: read-only on the tenants admin page, rewritten from here at each start (see <c>TenantRegistry:PinConfigTenants</c>).</summary>
    public bool Pinned { get; set; }

    /// <summary>Provider settings (connection string, endpoint, table name, CreateSchema, SeedDemoData...).</summary>
    public Dictionary<string, string?> Settings { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>All configured tenants, keyed by tenant id (the id used in URLs).</summary>
public sealed class TenantsOptions
{
    public const string Section = "Tenants";

    public Dictionary<string, TenantOptions> Tenants { get; set; } = new(StringComparer.Ordinal);
}
