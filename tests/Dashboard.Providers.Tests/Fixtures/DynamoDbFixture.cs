using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.DynamoDb;
using Dashboard.Testing;

namespace Dashboard.Providers.Tests.Fixtures;

/// <summary>DynamoDB: the run's one DynamoDB Local (<see cref="SharedServers"/>), a fresh table (with its indexes) per tenant.</summary>
public sealed class DynamoDbFixture : IBackendFixture
{
    private DynamoDbLocalServer? _server;
    private readonly List<IDisposable> _stores = [];
    private int _tenants;

    public Uri Url => _server?.Url ?? throw new InvalidOperationException("The fixture has not started.");

    public async ValueTask InitializeAsync() => _server = await SharedServers.DynamoDbLocal;

    public static TenantDescriptor Tenant(string id, Uri url, string table) => new(id, id, "DynamoDb", new Dictionary<string, string?>
    {
        [DynamoDbSettings.ServiceUrlKey] = url.ToString(),
        [DynamoDbSettings.TableNameKey] = table,
    });

    public async Task<(TenantDescriptor Tenant, IDataStore Store)> CreateTenantAsync(CancellationToken ct)
    {
        var id = $"t{Interlocked.Increment(ref _tenants)}";
        var tenant = Tenant(id, Url, $"tenant-{id}-{Guid.NewGuid():N}");
        var store = new DynamoDbStoreProvider().Create(tenant);
        lock (_stores) _stores.Add((IDisposable)store);
        await store.EnsureSchemaAsync(ct);
        return (tenant, store);
    }

    public IDataStore OpenStore(TenantDescriptor tenant)
    {
        var store = new DynamoDbStoreProvider().Create(tenant);
        lock (_stores) _stores.Add((IDisposable)store);
        return store;
    }

    public ValueTask DisposeAsync()
    {
        lock (_stores) _stores.ForEach(s => s.Dispose());
        return ValueTask.CompletedTask;
    }
}
