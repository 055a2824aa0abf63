using System.Collections.Concurrent;
using Dashboard.Core.Tenants;

namespace Dashboard.Core.Stores;

/// <summary>
/// Each tenant's backend store with its decorators (resilience, metering), made once per tenant. Raw access
/// with no person and no audit: for the app's own work (schema, seeding, storage sizes, health), never pages.
/// </summary>
public interface ITenantBackends
{
    IDataStore For(string tenantId);
}

public sealed class TenantBackends(TenantRegistry registry, IEnumerable<IDataStoreDecorator> decorators) : ITenantBackends
{
    private readonly ConcurrentDictionary<string, Lazy<IDataStore>> _stores = new(StringComparer.Ordinal);

    public IDataStore For(string tenantId)
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
