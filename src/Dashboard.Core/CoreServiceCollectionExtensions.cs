using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Tenant registry (validated at start), the store factory and tenant preparation.</summary>
    public static IServiceCollection AddDashboardCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TenantsOptions>()
            .Configure(o => configuration.GetSection(TenantsOptions.Section).Bind(o.Tenants))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenantsOptions>, TenantsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TenantRegistry>();
        services.TryAddSingleton<ITenantStoreFactory, TenantStoreFactory>();
        services.AddHostedService<TenantStartupService>();
        return services;
    }
}
