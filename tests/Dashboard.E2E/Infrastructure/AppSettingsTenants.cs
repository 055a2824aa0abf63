using Dashboard.Core.Tenants;
using Microsoft.Extensions.Configuration;

namespace Dashboard.E2E.Infrastructure;

/// <summary>The tenants of the repository's appsettings.json, as the app binds them.</summary>
public static class AppSettingsTenants
{
    public static IReadOnlyDictionary<string, TenantOptions> Read()
    {
        var configuration = new ConfigurationBuilder().SetBasePath(RepositoryPaths.Root).AddJsonFile("appsettings.json").Build();
        var tenants = new TenantsOptions();
        configuration.GetSection(TenantsOptions.Section).Bind(tenants.Tenants);
        return tenants.Tenants;
    }
}
