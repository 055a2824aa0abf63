namespace Dashboard.Core.Tenants;

/// <summary>
/// Checks providers run on a tenant's settings, each returning the problem (naming the key, as
/// <see cref="IDataStoreProvider.Validate"/> reports it) or null when the setting is fine.
/// </summary>
public static class SettingChecks
{
    /// <param name="example">Shown after "e.g.", such as <c>"\"http://127.0.0.1:8000\" for DynamoDB Local"</c>.</param>
    public static string? Required(TenantDescriptor tenant, string key, string example) =>
        tenant.Setting(key) is null ? $"Settings:{key} is required (e.g. {example})." : null;

    /// <summary>A required setting holding an absolute http or https URL (a backend's endpoint).</summary>
    public static string? HttpUrl(TenantDescriptor tenant, string key, string example) =>
        Required(tenant, key, example)
        ?? (HttpUrls.IsAbsoluteHttp(tenant.Setting(key)) ? null : $"Settings:{key} must be an absolute http or https URL (got \"{tenant.Setting(key)}\").");
}
