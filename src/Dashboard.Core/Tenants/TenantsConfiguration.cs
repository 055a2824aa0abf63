using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Core.Tenants;

/// <summary>
/// Binds <c>Tenants</c> from configuration in time proportional to its keys. The configuration binder lists a
/// section's children by scanning every key of every provider, once per tenant and once per tenant's settings:
/// with 10,000 tenants (60,000 keys) that is over a billion key comparisons, and it held start-up for minutes. Here
/// each provider's keys are read once, grouped by tenant, and each tenant is bound from its own few keys with the
/// same binder (so types, case and precedence — later providers win — are as before).
/// </summary>
public static class TenantsConfiguration
{
    // ConfigurationProvider keeps its keys in this protected dictionary; there is no public way to list them in one pass.
    private static readonly PropertyInfo? ProviderData =
        typeof(ConfigurationProvider).GetProperty("Data", BindingFlags.Instance | BindingFlags.NonPublic);

    public static void Bind(IConfiguration configuration, IDictionary<string, TenantOptions> tenants)
    {
        var byTenant = configuration is IConfigurationRoot root ? KeysByTenant(root) : null;
        if (byTenant is null)
        {
            configuration.GetSection(TenantsOptions.Section).Bind(tenants);
            return;
        }
        foreach (var (id, keys) in byTenant)
        {
            if (!tenants.TryGetValue(id, out var options)) tenants[id] = options = new TenantOptions();
            new ConfigurationBuilder().AddInMemoryCollection(keys).Build().Bind(options);
        }
    }

    /// <summary>Each tenant's keys (relative to the tenant), later providers over earlier ones; null when a provider's keys cannot be listed.</summary>
    private static Dictionary<string, Dictionary<string, string?>>? KeysByTenant(IConfigurationRoot root)
    {
        var prefix = TenantsOptions.Section + ConfigurationPath.KeyDelimiter;
        var byTenant = new Dictionary<string, Dictionary<string, string?>>(StringComparer.OrdinalIgnoreCase);
        foreach (var provider in Flatten(root.Providers))
        {
            if (provider is not ConfigurationProvider || ProviderData?.GetValue(provider) is not IDictionary<string, string?> data) return null;
            foreach (var (key, value) in data)
            {
                if (!key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
                var rest = key[prefix.Length..];
                var end = rest.IndexOf(ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
                // "Tenants:x" alone is an empty object (a tenant with nothing set, as the binder makes it); with a value, nothing to bind.
                if (end == 0 || (end < 0 && value is not null)) continue;
                var id = end < 0 ? rest : rest[..end];
                if (!byTenant.TryGetValue(id, out var keys)) byTenant[id] = keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                if (end > 0) keys[rest[(end + 1)..]] = value;
            }
        }
        return byTenant;
    }

    /// <summary>The providers in order, those of a chained configuration in its place.</summary>
    private static IEnumerable<IConfigurationProvider> Flatten(IEnumerable<IConfigurationProvider> providers)
    {
        foreach (var provider in providers)
        {
            if (provider is ChainedConfigurationProvider { Configuration: IConfigurationRoot chained })
                foreach (var inner in Flatten(chained.Providers)) yield return inner;
            else yield return provider;
        }
    }
}
