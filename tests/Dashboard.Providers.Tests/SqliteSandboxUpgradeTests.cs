using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Sql;
using Dashboard.Providers.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace Dashboard.Providers.Tests;

/// <summary>
/// A sandbox file made before write ids existed keeps working: at start the store adds the column that
/// EnsureCreated would not, old rows keep a null write id until written, and writes on them are guarded as usual.
/// </summary>
[Trait("Backend", "Sqlite")]
public sealed class SqliteSandboxUpgradeTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("dashboard-sandbox-upgrade-").FullName;

    [Fact]
    public async Task A_sandbox_file_made_before_write_ids_opens_and_takes_guarded_writes()
    {
        var file = Path.Combine(_folder, "sandbox.db");
        await SandboxBeforeWriteIds.CreateAsync(file, Ct);
        var tenant = new TenantDescriptor("sandbox", "Sandbox", "Sqlite",
            new Dictionary<string, string?> { [SqliteStoreProvider.ConnectionStringKey] = $"Data Source={file}" });
        var data = new SqliteStoreProvider().Create(tenant);

        await data.EnsureSchemaAsync(Ct);
        await data.EnsureSchemaAsync(Ct);

        Assert.Equal([null], await WriteIdsAsync(file, "orders"));
        var store = new TenantStore(tenant, data, TimeProvider.System, new UlidGenerator());
        var ada = await store.GetUserAsync(SandboxBeforeWriteIds.UserId, Ct);
        Assert.Equal(("ada@example.com", "Ada Lovelace", 1L), (ada.Email, ada.Name, ada.Version));

        var renamed = await store.UpdateUserAsync(ada.Id, 1, new UserChanges(ada.Email, "Ada King"), Ct);
        await Assert.ThrowsAsync<ConflictException>(() => data.UpdateUserAsync(renamed with { Name = "Stale" }, current: ada, Ct));
        var order = await store.GetOrderAsync(SandboxBeforeWriteIds.OrderId, Ct);
        Assert.Equal(12.5m, order.Total);
        var moved = await store.UpdateOrderAsync(order.Id, 1, new OrderChanges(OrderStatus.Processing, order.Items), Ct);
        var grace = await store.CreateUserAsync(new NewUser("grace@example.com", "Grace Hopper"), Ct);

        Assert.Equal(renamed, await store.GetUserAsync(ada.Id, Ct));
        Assert.Equal(moved, await store.GetOrderAsync(order.Id, Ct));
        Assert.Equal(grace, await store.GetUserAsync(grace.Id, Ct));
        Assert.All(await WriteIdsAsync(file, "users"), id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.All(await WriteIdsAsync(file, "orders"), id => Assert.Matches("^[0-9a-f]{32}$", id));
    }

    private static async Task<List<string?>> WriteIdsAsync(string file, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = new SqliteCommand(table == "users" ? "SELECT write_id FROM users" : "SELECT write_id FROM orders", connection);
        var ids = new List<string?>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) ids.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        return ids;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing connection is left to the OS temp cleaner.
        }
    }
}
