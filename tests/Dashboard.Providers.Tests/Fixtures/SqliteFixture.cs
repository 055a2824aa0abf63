using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Sql;

namespace Dashboard.Providers.Tests.Fixtures;

/// <summary>The sandbox backend: a real SQLite file per tenant in a temporary folder.</summary>
public sealed class SqliteFixture : IBackendFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-sqlite-" + Guid.NewGuid().ToString("N"));
    private int _tenants;

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return ValueTask.CompletedTask;
    }

    public async Task<(TenantDescriptor Tenant, IDataStore Store)> CreateTenantAsync(CancellationToken ct)
    {
        var id = $"t{Interlocked.Increment(ref _tenants)}";
        var tenant = new TenantDescriptor(id, id, "Sqlite", new Dictionary<string, string?>
        {
            [SqliteStoreProvider.ConnectionStringKey] = $"Data Source={Path.Combine(_folder, id + ".db")}",
        });
        var store = new SqliteStoreProvider().Create(tenant);
        await store.EnsureSchemaAsync(ct);
        return (tenant, store);
    }

    public IDataStore OpenStore(TenantDescriptor tenant) => new SqliteStoreProvider().Create(tenant);

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing connection is left to the OS temp cleaner.
        }
        return ValueTask.CompletedTask;
    }
}
