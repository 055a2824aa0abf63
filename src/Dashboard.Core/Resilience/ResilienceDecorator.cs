using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Resilience;

/// <summary>Wraps every tenant's store with retry on throttling, a per-attempt timeout and the tenant's circuit.</summary>
public sealed class ResilienceDecorator(IOptions<ResilienceOptions> options, CircuitBreakers breakers, TimeProvider clock) : IDataStoreDecorator
{
    public IDataStore Decorate(TenantDescriptor tenant, string productName, IDataStore inner) =>
        new ResilientDataStore(inner, tenant.Id, productName, options.Value, breakers.For(tenant.Id, productName), clock);
}
