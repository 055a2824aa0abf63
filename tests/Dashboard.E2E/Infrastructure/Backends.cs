using Dashboard.Core.Tenants;
using Dashboard.Providers.Tests.Fixtures;
using Microsoft.Extensions.Configuration;

namespace Dashboard.E2E.Infrastructure;

/// <summary>
/// Starts the servers the tenants of appsettings.json live on, each on a free port with this run's own data,
/// and returns the settings that point the tenants at them. The sandbox needs no server.
/// </summary>
public sealed class Backends : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _servers = [];

    public async Task<Dictionary<string, string?>> StartAsync(string dataFolder)
    {
        var configuration = new ConfigurationBuilder().SetBasePath(RepositoryPaths.Root).AddJsonFile("appsettings.json").Build();
        var tenants = new TenantsOptions();
        configuration.GetSection(TenantsOptions.Section).Bind(tenants.Tenants);

        var settings = new Dictionary<string, string?>();
        DynamoDbLocalServer? dynamo = null;
        MariaDbServer? maria = null;
        foreach (var (id, tenant) in tenants.Tenants)
        {
            var key = $"Tenants:{id}:Settings";
            switch (tenant.Provider)
            {
                case "Sqlite":
                    settings[$"{key}:ConnectionString"] = $"Data Source={Path.Combine(dataFolder, id + ".db")}";
                    break;
                case "DynamoDb":
                    dynamo ??= Track(await DynamoDbLocalServer.StartAsync());
                    settings[$"{key}:ServiceUrl"] = dynamo.Url.ToString();
                    break;
                case "PlanetScale":
                    maria ??= Track(await MariaDbServer.StartAsync([], CancellationToken.None));
                    settings[$"{key}:ConnectionString"] = maria.ConnectionString(database: id);
                    break;
                default:
                    throw new InvalidOperationException($"The E2E suite does not know how to start a {tenant.Provider} backend for tenant {id}.");
            }
        }
        return settings;
    }

    private T Track<T>(T server) where T : IAsyncDisposable
    {
        _servers.Add(server);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
    }
}
