using Amazon.DynamoDBv2.Model;
using Dashboard.Core.Domain;
using Dashboard.Core.Stores;
using Dashboard.Core.Demo;
using Dashboard.Core.Tenants;
using Dashboard.Providers.DynamoDb;
using Dashboard.Providers.Sql;
using Dashboard.Providers.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace Dashboard.Providers.Tests;

/// <summary>
/// The storage size each backend reports for the cost page, read from its own figures after loading the demo
/// data: it must grow with the load and land between the bare payload and a generous multiple of it.
/// </summary>
internal static class StorageSizeCheck
{
    public const int Users = 300;

    /// <summary>Upper bound on size ÷ payload: keys, attribute or column names, indexes and page slack, with room to spare.</summary>
    private const int MaxOverhead = 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The characters of every stored string: a floor no backend can store the data under.</summary>
    public static long PayloadBytes(DemoData data) =>
        data.Users.Sum(u => (long)u.Id.Length + u.Email.Length + u.Name.Length + (u.AvatarUrl?.Length ?? 0))
        + data.Orders.Sum(o => (long)o.Id.Length + o.UserId.Length + o.Currency.Length
                               + o.Items.Sum(i => i.ProductId.Length + i.ProductName.Length));

    /// <summary>Loads the demo data into a fresh tenant and returns the sizes reported before and after, and the payload.</summary>
    public static async Task<(TenantDescriptor Tenant, IDataStore Store, long Empty, long Loaded, long Payload)> MeasureAsync(
        IBackendFixture fixture, Func<TenantDescriptor, Task>? afterLoad = null)
    {
        var (tenant, store) = await fixture.CreateTenantAsync(Ct);
        var reporter = Assert.IsAssignableFrom<IStorageSizeReporter>(store);
        var empty = await reporter.StorageBytesAsync(Ct);
        var data = DemoDataGenerator.Generate(Users);
        await store.BulkLoadAsync(data.Users, data.Orders, Ct);
        if (afterLoad is not null) await afterLoad(tenant);
        var loaded = await reporter.StorageBytesAsync(Ct);
        Assert.NotNull(empty);
        Assert.NotNull(loaded);
        var payload = PayloadBytes(data);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{store.GetType().Name}: empty {empty:N0} B, {data.Users.Count} users + {data.Orders.Count} orders {loaded:N0} B, payload {payload:N0} B");
        return (tenant, store, empty.Value, loaded.Value, payload);
    }

    public static void AssertPlausible(long empty, long loaded, long payload)
    {
        Assert.True(empty >= 0, $"empty tenant reported {empty} B");
        Assert.True(loaded > empty, $"size did not grow with the load: {empty} B → {loaded} B");
        Assert.InRange(loaded, payload, payload * MaxOverhead);
    }
}

[Trait("Backend", "DynamoDb")]
public sealed class DynamoDbStorageSizeTests(DynamoDbFixture fixture) : IClassFixture<DynamoDbFixture>
{
    [Fact]
    public async Task Storage_size_is_the_table_plus_its_indexes()
    {
        var (_, store, empty, loaded, payload) = await StorageSizeCheck.MeasureAsync(fixture);

        Assert.Equal(0, empty);
        StorageSizeCheck.AssertPlausible(empty, loaded, payload);
        // Index storage is billed too: the figure is more than the table alone, by exactly the indexes' bytes.
        var data = (DynamoDbDataStore)store;
        var table = (await data.Client.DescribeTableAsync(data.TableName, TestContext.Current.CancellationToken)).Table;
        var indexes = table.GlobalSecondaryIndexes.Sum(i => i.IndexSizeBytes ?? 0);
        TestContext.Current.TestOutputHelper?.WriteLine($"table {table.TableSizeBytes:N0} B, indexes {indexes:N0} B");
        Assert.True(indexes > 0, "the indexes reported no bytes");
        Assert.Equal(table.TableSizeBytes + indexes, loaded);
    }
}

[Trait("Backend", "PlanetScale")]
public sealed class PlanetScaleStorageSizeTests(MariaDbFixture fixture) : IClassFixture<MariaDbFixture>
{
    [Fact]
    public async Task Storage_size_is_data_plus_indexes_of_the_tenant_database()
    {
        // InnoDB refreshes its statistics in the background (about 8 s after this load, measured); ANALYZE TABLE
        // does it now, as an operator would, so the test does not race that thread.
        var (_, _, empty, loaded, payload) = await StorageSizeCheck.MeasureAsync(fixture, async tenant =>
        {
            await using var connection = new MySqlConnection(fixture.Server.ConnectionString(tenant.Id));
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await new MySqlCommand("ANALYZE TABLE users, orders", connection).ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        });

        // InnoDB allocates at least one 16 KB page per table and per index, even empty.
        Assert.True(empty >= 16_384, $"empty tenant reported {empty} B");
        StorageSizeCheck.AssertPlausible(empty, loaded, payload);
    }
}

[Trait("Backend", "Sqlite")]
public sealed class SqliteStorageSizeTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    [Fact]
    public async Task Storage_size_is_the_database_file()
    {
        var (tenant, _, empty, loaded, payload) = await StorageSizeCheck.MeasureAsync(fixture);

        Assert.True(empty >= 4_096, $"empty tenant reported {empty} B");
        StorageSizeCheck.AssertPlausible(empty, loaded, payload);
        // Once the WAL is copied back into the database, the file on disk is exactly the reported size.
        var connectionString = tenant.RequiredSetting(SqliteStoreProvider.ConnectionStringKey);
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE)", connection).ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        Assert.Equal(loaded, new FileInfo(new SqliteConnectionStringBuilder(connectionString).DataSource).Length);
    }
}

[Trait("Backend", "Fauna")]
public sealed class FaunaStorageSizeTests(FaunaFixture fixture) : IClassFixture<FaunaFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Storage_size_is_the_tenant_databases_documents_and_indexes()
    {
        var (_, store, empty, loaded, payload) = await StorageSizeCheck.MeasureAsync(fixture);

        // Collections and indexes exist but hold nothing yet.
        Assert.Equal(0, empty);
        StorageSizeCheck.AssertPlausible(empty, loaded, payload);

        // One more user grows it; another tenant's data, in its own database, does not.
        var reporter = (IStorageSizeReporter)store;
        var (_, other) = await fixture.CreateTenantAsync(Ct);
        var more = DemoDataGenerator.Generate(3);
        await other.BulkLoadAsync(more.Users, more.Orders, Ct);
        Assert.Equal(loaded, await reporter.StorageBytesAsync(Ct));
        var now = DateTimeOffset.UtcNow;
        await store.InsertUserAsync(new User(UlidGenerator.Shared.Next(now), "one.more@example.com", "One More", null, now, now, 1), Ct);
        Assert.True(await reporter.StorageBytesAsync(Ct) > loaded, "one more user did not grow the reported size");
    }
}
