using Dashboard.Core.Demo;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Sql;

namespace Dashboard.Commands.Tests.LoadGeneration;

/// <summary>A real SQLite sandbox in a temporary file, with a small demo data set, shared by a test class.</summary>
public sealed class SandboxStore : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dashboard-load-").FullName;

    public TenantDescriptor Tenant { get; private set; } = null!;
    public IDataStore Store { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Tenant = new TenantDescriptor("sandbox", "Sandbox", "Sqlite", new Dictionary<string, string?>
        {
            [SqliteStoreProvider.ConnectionStringKey] = $"Data Source={Path.Combine(_folder, "sandbox.db")}",
        });
        Store = new SqliteStoreProvider().Create(Tenant);
        await Store.EnsureSchemaAsync(CancellationToken.None);
        await DemoDataSeeder.SeedAsync(Store, CancellationToken.None, userCount: 40);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}
