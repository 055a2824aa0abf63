using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Fauna;
using Dashboard.Providers.Fauna.Wire;
using FaunaLocal.Server;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Providers.Tests.Fixtures;

/// <summary>
/// Fauna: one FaunaLocal server per test class, hosted in this process and kept in memory; each tenant gets a
/// child database of its own, reached with that database's own admin key, as a real Fauna tenant would be.
/// Stores come from the provider as the host registers it (<see cref="FaunaServiceCollectionExtensions.AddFaunaProvider"/>).
/// </summary>
public sealed class FaunaFixture : IBackendFixture
{
    public const string RootSecret = "fixture-root-secret";

    private readonly ServiceProvider _services = new ServiceCollection().AddFaunaProvider().BuildServiceProvider();
    private FaunaLocalServer? _server;
    private FaunaClient? _root;
    private int _tenants;

    public Uri Url => _server?.Url ?? throw new InvalidOperationException("The fixture has not started.");

    public IDataStoreProvider Provider => _services.GetServices<IDataStoreProvider>().Single(p => p.Kind == "Fauna");

    public async ValueTask InitializeAsync()
    {
        _server = new FaunaLocalServer(new FaunaLocalOptions { Port = 0, Secret = RootSecret });
        await _server.StartAsync();
        _root = new FaunaClient(() => _services.GetRequiredService<IHttpClientFactory>().CreateClient(), new FaunaClientOptions(Url, RootSecret));
    }

    public static TenantDescriptor Tenant(string id, Uri url, string secret, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            [FaunaSettings.EndpointKey] = url.ToString(),
            [FaunaSettings.SecretKey] = secret,
            [FaunaSettings.RetryBaseDelayMsKey] = "10",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return new TenantDescriptor(id, id, "Fauna", settings);
    }

    /// <summary>A fresh child database and the secret of an admin key for it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct)
    {
        var created = await _root!.QueryAsync(Fql.Of($$"""
            Database.create({ name: {{name}} })
            Key.create({ role: "admin", database: {{name}} }).secret
            """), null, ct);
        return created.Data as string ?? throw new InvalidOperationException("Key.create returned no secret.");
    }

    public async Task<(TenantDescriptor Tenant, IDataStore Store)> CreateTenantAsync(CancellationToken ct) =>
        await CreateTenantAsync(ct, []);

    public async Task<(TenantDescriptor Tenant, IDataStore Store)> CreateTenantAsync(CancellationToken ct, params (string Key, string Value)[] extra)
    {
        var id = $"t{Interlocked.Increment(ref _tenants)}";
        var secret = await CreateDatabaseAsync($"tenant_{id}_{Guid.NewGuid():N}", ct);
        var tenant = Tenant(id, Url, secret, extra);
        Assert.Empty(Provider.Validate(tenant));
        var store = Provider.Create(tenant);
        await store.EnsureSchemaAsync(ct);
        return (tenant, store);
    }

    public IDataStore OpenStore(TenantDescriptor tenant) => Provider.Create(tenant);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }
}
