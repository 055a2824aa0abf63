using Dashboard.Core.Tenants;
using Microsoft.Extensions.Configuration;

namespace Dashboard.E2E.Flows;

/// <summary>Every tenant of appsettings.json: the flows run once per tenant, so once per provider that has landed.</summary>
public static class TenantCases
{
    public static TheoryData<string> All()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Infrastructure.RepositoryPaths.Root)
            .AddJsonFile("appsettings.json")
            .Build();
        var tenants = new TenantsOptions();
        configuration.GetSection(TenantsOptions.Section).Bind(tenants.Tenants);
        return new TheoryData<string>(tenants.Tenants.Keys.Order());
    }
}
