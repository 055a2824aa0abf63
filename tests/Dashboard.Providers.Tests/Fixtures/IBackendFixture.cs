using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;

namespace Dashboard.Providers.Tests.Fixtures;

/// <summary>
/// A real backend for the contract suite. The fixture starts (or opens) the server once per test class;
/// each test gets a fresh, empty tenant of its own (own file, database, table or collection set).
/// </summary>
public interface IBackendFixture : IAsyncLifetime
{
    /// <summary>Creates a new isolated tenant with its schema in place and returns its backend store.</summary>
    Task<(TenantDescriptor Tenant, IDataStore Store)> CreateTenantAsync(CancellationToken ct);

    /// <summary>Another store instance over the same tenant, as a second app instance (or the tenant's own app) would open it.</summary>
    IDataStore OpenStore(TenantDescriptor tenant);
}
