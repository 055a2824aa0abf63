using System.Text.RegularExpressions;

namespace Dashboard.Core.Tenants;

/// <summary>Fails start-up with messages naming the tenant and the key when the Tenants section is wrong.</summary>
public sealed partial class TenantsOptionsValidator(IEnumerable<IDataStoreProvider> providers) : IValidateOptions<TenantsOptions>
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex TenantIdShape();

    public ValidateOptionsResult Validate(string? name, TenantsOptions options)
    {
        var known = providers.ToDictionary(p => p.Kind, StringComparer.OrdinalIgnoreCase);
        var failures = new List<string>();
        if (options.Tenants.Count == 0) failures.Add("Tenants: no tenant is configured; add at least one (e.g. the Sqlite sandbox).");
        foreach (var (id, tenant) in options.Tenants)
        {
            if (!TenantIdShape().IsMatch(id))
                failures.Add($"Tenants:{id}: a tenant id must be lower-case letters, digits and '-' (at most 40), as it appears in URLs.");
            if (string.IsNullOrWhiteSpace(tenant.Provider))
            {
                failures.Add($"Tenants:{id}:Provider is required (one of {string.Join(", ", known.Keys)}).");
                continue;
            }
            if (!known.TryGetValue(tenant.Provider, out var provider))
            {
                failures.Add($"Tenants:{id}:Provider '{tenant.Provider}' is not a known provider (known: {string.Join(", ", known.Keys)}).");
                continue;
            }
            failures.AddRange(provider.Validate(TenantRegistry.Describe(id, tenant, provider)).Select(p => $"Tenants:{id}:{p}"));
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
