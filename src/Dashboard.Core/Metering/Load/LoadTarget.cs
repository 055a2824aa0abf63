using Dashboard.Core.Domain;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Metering.Load;

/// <summary>
/// The service layer for load: the tenant's provider store with every registered decorator (resilience,
/// metering), under the domain service that validates and versions. It runs as the system, so load is not
/// written to the audit log.
/// </summary>
public static class LoadTarget
{
    public static ITenantStore For(IServiceProvider services, string tenantId)
    {
        var registry = services.GetRequiredService<TenantRegistry>();
        var tenant = registry.Get(tenantId);
        var provider = registry.ProviderOf(tenant);
        var store = provider.Create(tenant);
        foreach (var decorator in services.GetServices<IDataStoreDecorator>()) store = decorator.Decorate(tenant, provider.ProductName, store);
        return new TenantStore(tenant, store, services.GetService<TimeProvider>() ?? TimeProvider.System, UlidGenerator.Shared);
    }
}
