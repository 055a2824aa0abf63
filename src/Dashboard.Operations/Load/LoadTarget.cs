using Dashboard.Core.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Operations.Load;

/// <summary>
/// The service layer for load: the tenant's backend store as the app itself uses it (every registered decorator:
/// resilience, metering), under the domain service that validates and versions. It runs as the system on the
/// raw backends, so load is not written to the audit log.
/// </summary>
public static class LoadTarget
{
    /// <exception cref="NotFoundException">No tenant has this id.</exception>
    public static ITenantStore For(IServiceProvider services, string tenantId)
    {
        var tenant = services.GetRequiredService<TenantRegistry>().Get(tenantId);
        var backend = services.GetRequiredService<ITenantBackends>().For(tenant.Id);
        return new TenantStore(tenant, backend, services.GetService<TimeProvider>() ?? TimeProvider.System, UlidGenerator.Shared);
    }
}
