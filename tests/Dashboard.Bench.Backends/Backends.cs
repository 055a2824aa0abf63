using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.DynamoDb;
using Dashboard.Providers.Fauna;
using Dashboard.Providers.Sql;
using Dashboard.Testing;
using FaunaLocal.Server;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Bench;

/// <summary>A real backend server for a benchmark (each started here, on a free port, with throwaway data), and new tenants on it.</summary>
public sealed class Backends : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private Func<string, CancellationToken, Task<(TenantDescriptor, IDataStore)>> _newTenant = null!;

    public string Name { get; private init; } = "";

    public static async Task<Backends> StartAsync(string name, CancellationToken ct)
    {
        switch (name)
        {
            case "sqlite":
            {
                var folder = Directory.CreateTempSubdirectory("dashboard-bench-");
                var backends = new Backends { Name = "SQLite" };
                backends._newTenant = (id, token) => Prepare(new SqliteStoreProvider(), new TenantDescriptor(id, id, "Sqlite",
                    new Dictionary<string, string?> { [SqliteStoreProvider.ConnectionStringKey] = $"Data Source={Path.Combine(folder.FullName, id + ".db")}" }), token);
                return backends;
            }
            case "mariadb":
            {
                var server = await MariaDbServer.StartAsync(["--innodb-buffer-pool-size=256M"], ct);
                var backends = new Backends { Name = "MariaDB (PlanetScale)" };
                backends._owned.Add(server);
                backends._newTenant = (id, token) => Prepare(new PlanetScaleStoreProvider(), new TenantDescriptor(id, id, "PlanetScale",
                    new Dictionary<string, string?> { [PlanetScaleStoreProvider.ConnectionStringKey] = server.ConnectionString(id) }), token);
                return backends;
            }
            case "dynamodb":
            {
                var server = await DynamoDbLocalServer.StartAsync(ct);
                var backends = new Backends { Name = "DynamoDB Local" };
                backends._owned.Add(server);
                backends._newTenant = (id, token) => Prepare(new DynamoDbStoreProvider(), new TenantDescriptor(id, id, "DynamoDb",
                    new Dictionary<string, string?>
                    {
                        [DynamoDbSettings.ServiceUrlKey] = server.Url.ToString(), [DynamoDbSettings.TableNameKey] = id, [DynamoDbSettings.RegionKey] = "us-east-1",
                    }), token);
                return backends;
            }
            case "fauna":
            {
                const string secret = "dashboard-bench-secret";
                var server = new FaunaLocalServer(new FaunaLocalOptions { Port = 0, Secret = secret });
                var firstUrl = await server.StartAsync();
                var services = new ServiceCollection().AddFaunaProvider().BuildServiceProvider();
                var provider = services.GetServices<IDataStoreProvider>().Single(p => p.Kind == "Fauna");
                var backends = new Backends { Name = "FaunaLocal" };
                backends._owned.Add(server);
                backends._owned.Add(services);
                // One FaunaLocal database per tenant would need keys; each tenant after the first gets a fresh server instead.
                var used = false;
                backends._newTenant = async (id, token) =>
                {
                    var url = firstUrl;
                    if (used)
                    {
                        var next = new FaunaLocalServer(new FaunaLocalOptions { Port = 0, Secret = secret });
                        url = await next.StartAsync();
                        backends._owned.Add(next);
                    }
                    used = true;
                    return await Prepare(provider, new TenantDescriptor(id, id, "Fauna", new Dictionary<string, string?>
                    {
                        [FaunaSettings.EndpointKey] = url.ToString(), [FaunaSettings.SecretKey] = secret,
                    }), token);
                };
                return backends;
            }
            default:
                throw new ArgumentException($"unknown backend '{name}' (sqlite, mariadb, dynamodb, fauna)");
        }
    }

    public async Task<(TenantDescriptor Tenant, IDataStore Store)> NewTenantAsync(string id, CancellationToken ct)
    {
        var (tenant, store) = await _newTenant(id, ct);
        return (tenant, store);
    }

    private static async Task<(TenantDescriptor, IDataStore)> Prepare(IDataStoreProvider provider, TenantDescriptor tenant, CancellationToken ct)
    {
        var problems = provider.Validate(tenant).ToList();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems));
        var store = provider.Create(tenant);
        await store.EnsureSchemaAsync(ct);
        return (tenant, store);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned)) await owned.DisposeAsync();
    }
}
