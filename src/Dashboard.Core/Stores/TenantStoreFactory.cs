using System.Collections.Concurrent;
using Dashboard.Core.Domain;
using Dashboard.Core.Tenants;

namespace Dashboard.Core.Stores;

/// <summary>Hands out a tenant's store. Backend stores (and their connection pools) are made once per tenant.</summary>
public interface ITenantStoreFactory
{
    ITenantStore For(string tenantId);

    /// <summary>The tenant's backend store with decorators, for seeding, schema and tools.</summary>
    IDataStore DataStoreFor(string tenantId);
}

public sealed class TenantStoreFactory(
    TenantRegistry registry,
    IEnumerable<IDataStoreDecorator> decorators,
    TimeProvider clock) : ITenantStoreFactory
{
    private readonly ConcurrentDictionary<string, Lazy<IDataStore>> _stores = new(StringComparer.Ordinal);

    public ITenantStore For(string tenantId) =>
        new TenantStore(registry.Get(tenantId), DataStoreFor(tenantId), clock, UlidGenerator.Shared);

    public IDataStore DataStoreFor(string tenantId)
    {
        var tenant = registry.Get(tenantId);
        return _stores.GetOrAdd(tenantId, _ => new Lazy<IDataStore>(() => Build(tenant))).Value;
    }

    private IDataStore Build(TenantDescriptor tenant)
    {
        var provider = registry.ProviderOf(tenant);
        var store = provider.Create(tenant);
        foreach (var decorator in decorators) store = decorator.Decorate(tenant, provider.ProductName, store);
        return store;
    }
}
