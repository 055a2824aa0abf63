using Dashboard.Core.Tenants.Registry;

namespace Dashboard.Services;

/// <summary>The tenants admin page's words for a tenant's state.</summary>
public static class TenantAdminText
{
    public static string State(TenantDescriptor tenant) => tenant.Disabled ? "Disabled" : "Enabled";

    public static string Changed(TenantDescriptor tenant) =>
        tenant.UpdatedAt is { } at ? $"{at.UtcDateTime:yyyy-MM-dd HH:mm} UTC by {tenant.UpdatedBy}" : "—";

    public static string Saved(TenantRecord tenant, bool added) =>
        added ? $"Tenant {tenant.Id} added; every instance will have it within seconds." : $"Tenant {tenant.Id} saved; every instance follows within seconds.";
}
