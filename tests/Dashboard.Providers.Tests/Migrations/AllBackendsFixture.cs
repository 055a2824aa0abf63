using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Tests.Fixtures;

namespace Dashboard.Providers.Tests.Migrations;

/// <summary>
/// The four real backends at once (SQLite files, MariaDB, DynamoDB Local, FaunaLocal), started together, and a
/// SQLite app store for checkpoints and audit: what a migration between any two of them needs.
/// </summary>
public sealed class AllBackendsFixture : IAsyncLifetime
{
    public const string Sqlite = "Sqlite", PlanetScale = "PlanetScale", DynamoDb = "DynamoDb", Fauna = "Fauna";

    public static readonly string[] Kinds = [Sqlite, PlanetScale, DynamoDb, Fauna];

    private readonly string _folder = Directory.CreateTempSubdirectory("dashboard-migrations-").FullName;
    private readonly Dictionary<string, IBackendFixture> _backends = new()
    {
        [Sqlite] = new SqliteFixture(),
        [PlanetScale] = new MariaDbFixture(),
        [DynamoDb] = new DynamoDbFixture(),
        [Fauna] = new FaunaFixture(),
    };

    public MigrationAppStore AppStore { get; private set; } = null!;

    public MariaDbFixture MariaDb => (MariaDbFixture)_backends[PlanetScale];

    public async ValueTask InitializeAsync()
    {
        await Task.WhenAll(_backends.Values.Select(b => b.InitializeAsync().AsTask()));
        AppStore = await MigrationAppStore.SqliteAsync(Path.Combine(_folder, "dashboard.db"), CancellationToken.None);
    }

    /// <summary>A fresh, empty tenant on the backend of <paramref name="kind"/>, with an id no other test uses (checkpoints are per tenant id).</summary>
    public async Task<(TenantDescriptor Tenant, IDataStore Store)> NewTenantAsync(string kind, CancellationToken ct)
    {
        var (tenant, store) = await _backends[kind].CreateTenantAsync(ct);
        return (tenant with { Id = $"m{Guid.NewGuid():N}"[..20] }, store);
    }

    public async ValueTask DisposeAsync()
    {
        await AppStore.DisposeAsync();
        foreach (var backend in _backends.Values) await backend.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the temp folder's cleaner.
        }
    }
}
