using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Sql;
using Dashboard.Testing;

namespace Dashboard.Providers.Tests.Fixtures;

/// <summary>
/// The PlanetScale backend on its local stand-in: the run's one MariaDB 10.11 server (<see cref="SharedServers"/>),
/// a fresh database per tenant, the schema created by the provider's EF migrations.
/// </summary>
public class MariaDbFixture : IBackendFixture
{
    /// <summary>Counts across fixtures, which share one server: each tenant's database name is new to it.</summary>
    private static int _tenants;

    private bool _ownsServer;

    public MariaDbServer Server { get; private set; } = null!;

    /// <summary>The server, and whether this fixture started it (and so stops it).</summary>
    protected virtual async Task<(MariaDbServer Server, bool Owned)> StartServerAsync() => (await SharedServers.MariaDb, false);

    public async ValueTask InitializeAsync() => (Server, _ownsServer) = await StartServerAsync();

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
        if (_ownsServer) await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
