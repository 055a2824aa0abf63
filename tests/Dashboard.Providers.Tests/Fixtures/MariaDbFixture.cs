using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Sql;
using Dashboard.Testing;

namespace Dashboard.Providers.Tests.Fixtures;

/// <summary>
/// The PlanetScale backend on its local stand-in: one MariaDB 10.11 server per test class, a fresh database
/// per tenant, the schema created by the provider's EF migrations.
/// </summary>
public class MariaDbFixture : IBackendFixture
{
    private int _tenants;

    public MariaDbServer Server { get; private set; } = null!;

    /// <summary>Arguments for mariadbd beyond the defaults.</summary>
    protected virtual IEnumerable<string> ServerArgs => [];

    public async ValueTask InitializeAsync() => Server = await MariaDbServer.StartAsync(ServerArgs, CancellationToken.None);

    public async Task<(TenantDescriptor Tenant, IDataStore Store)> CreateTenantAsync(CancellationToken ct)
    {
        var tenant = NewTenant(Server.ConnectionString($"t{Interlocked.Increment(ref _tenants)}"));
        var store = new PlanetScaleStoreProvider().Create(tenant);
        await store.EnsureSchemaAsync(ct);
        return (tenant, store);
    }

    public IDataStore OpenStore(TenantDescriptor tenant) => new PlanetScaleStoreProvider().Create(tenant);

    /// <summary>A tenant descriptor as the registry would build it from appsettings.json.</summary>
    public static TenantDescriptor NewTenant(string connectionString, string? id = null)
    {
        id ??= new MySqlConnector.MySqlConnectionStringBuilder(connectionString).Database;
        return new TenantDescriptor(id, id, "PlanetScale", new Dictionary<string, string?>
        {
            [PlanetScaleStoreProvider.ConnectionStringKey] = connectionString,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
