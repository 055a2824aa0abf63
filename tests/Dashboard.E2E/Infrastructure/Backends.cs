using Dashboard.Testing;
using FaunaLocal.Server;

namespace Dashboard.E2E.Infrastructure;

/// <summary>
/// Starts the servers the tenants of appsettings.json live on, each on a free port with this run's own data,
/// and returns the settings that point the tenants at them. The sandbox needs no server.
/// </summary>
public sealed class Backends : IAsyncDisposable
{
    private const string FaunaSecret = "e2e-root-secret";
    private readonly List<IAsyncDisposable> _servers = [];

    /// <summary>The throttling switch the DynamoDB tenants go through, when there are any.</summary>
    public DynamoDbThrottleSwitch? DynamoDbThrottle { get; private set; }

    public async Task<Dictionary<string, string?>> StartAsync(string dataFolder)
    {
        var settings = new Dictionary<string, string?>();
        DynamoDbLocalServer? dynamo = null;
        MariaDbServer? maria = null;
        FaunaLocalServer? fauna = null;
        foreach (var (id, tenant) in AppSettingsTenants.Read())
        {
            var key = $"Tenants:{id}:Settings";
            switch (tenant.Provider)
            {
                case "Sqlite":
                    settings[$"{key}:ConnectionString"] = $"Data Source={Path.Combine(dataFolder, id + ".db")}";
                    break;
                case "DynamoDb":
                    dynamo ??= Track(await DynamoDbLocalServer.StartAsync());
                    DynamoDbThrottle ??= Track(await DynamoDbThrottleSwitch.StartAsync(dynamo.Url));
                    settings[$"{key}:ServiceUrl"] = DynamoDbThrottle.Url.ToString();
                    break;
                case "PlanetScale":
                    maria ??= Track(await MariaDbServer.StartAsync([], CancellationToken.None));
                    settings[$"{key}:ConnectionString"] = maria.ConnectionString(database: id);
                    break;
                case "Fauna":
                    if (fauna is null)
                    {
                        fauna = Track(new FaunaLocalServer(new FaunaLocalOptions { Port = 0, Secret = FaunaSecret }));
                        await fauna.StartAsync();
                    }
                    settings[$"{key}:Endpoint"] = fauna.Url!.ToString();
                    settings[$"{key}:Secret"] = FaunaSecret;
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
        // Last started, first stopped: the proxy before the server behind it.
        for (var i = _servers.Count - 1; i >= 0; i--) await _servers[i].DisposeAsync();
    }
}
