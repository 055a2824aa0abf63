using Dashboard.Core;
using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Usage;
using Dashboard.Operations.Metering;
using Dashboard.Operations;
using Dashboard.Operations.Queries;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Metering;

/// <summary>
/// End to end on the real SQLite sandbox: another connection holds the write lock, so the store's write gets
/// SQLITE_BUSY for real; resilience retries once, the second answer surfaces, and both show on the page models.
/// </summary>
public sealed class ForcedThrottleTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"metering-{Guid.NewGuid():N}.db");
    private ServiceProvider _services = null!;
    private IDataStore _store = null!;

    public async ValueTask InitializeAsync()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tenants:throttled:Provider"] = "Sqlite",
            // A 1 s busy timeout so the lock turns into SQLITE_BUSY quickly.
            ["Tenants:throttled:Settings:ConnectionString"] = $"Data Source={_file};Default Timeout=1",
            ["Resilience:MaxAttempts"] = "2",
            ["Resilience:BaseDelay"] = "00:00:00.010",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddDashboardCore(config);
        services.AddSqlProviders();
        services.AddDashboardOperations(config);
        _services = services.BuildServiceProvider();
        _store = DecoratedStore(_services, "throttled");
        await _store.EnsureSchemaAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The tenant's provider store wrapped by every registered decorator, in order, as the app's factory does.</summary>
    internal static IDataStore DecoratedStore(IServiceProvider services, string tenantId)
    {
        var registry = services.GetRequiredService<TenantRegistry>();
        var tenant = registry.Get(tenantId);
        var provider = registry.ProviderOf(tenant);
        var store = provider.Create(tenant);
        foreach (var decorator in services.GetServices<IDataStoreDecorator>()) store = decorator.Decorate(tenant, provider.ProductName, store);
        return store;
    }

    [Fact]
    public async Task A_write_blocked_by_another_writer_shows_as_one_retried_and_one_surfaced_throttle()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = DateTimeOffset.UtcNow;
        var user = new User(UlidGenerator.Shared.Next(now), "ada@example.com", "Ada", null, now, now, 1);

        await using (var holder = new SqliteConnection($"Data Source={_file};Pooling=False"))
        {
            await holder.OpenAsync(ct);
            await using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync(ct);

            var thrown = await Assert.ThrowsAsync<ThrottledException>(() => _store.InsertUserAsync(user, ct));
            Assert.Contains("SQLITE_BUSY", thrown.Cause);
        }
        // The lock is gone: the same write now goes through.
        await _store.InsertUserAsync(user, ct);

        var throttling = _services.GetRequiredService<ThrottlingQuery>().Build(OpsWindow.Last15Minutes);
        Assert.Equal((1L, 1L), (throttling.Retried, throttling.Surfaced));
        var cause = Assert.Single(throttling.ByCause);
        Assert.Equal(("throttled", "insert_user", "SQLITE_BUSY (database is locked)"), (cause.Tenant, cause.Operation, cause.Cause));
        Assert.Equal([true, false], throttling.Latest.Reverse().Select(e => e.Retried));

        var throughput = _services.GetRequiredService<ThroughputQuery>().Build(OpsWindow.Last15Minutes, "throttled");
        var insert = throughput.Rows.Single(r => r.Operation == "insert_user");
        Assert.Equal(2, insert.Calls);
        Assert.Equal(0.5, insert.ErrorRate);
        Assert.True(insert.P99Ms >= 1000, $"the throttled call waited for the busy timeout twice; p99 was {insert.P99Ms} ms");
    }

    [Fact]
    public async Task Rows_the_sandbox_reports_reach_the_rolling_store_and_the_action_of_the_caller()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = DateTimeOffset.UtcNow;
        var user = new User(UlidGenerator.Shared.Next(now), "grace@example.com", "Grace", null, now, now, 1);
        var action = new ActionUsage();
        ActionUsage.Current = action;
        action.BeginActivity();
        await _store.InsertUserAsync(user, ct);
        Assert.NotNull(await _store.GetUserAsync(user.Id, ct));
        Assert.Null(await _store.GetUserAsync("missing", ct));
        ActionUsage.Current = null;

        var snapshot = action.Snapshot();
        Assert.Equal(3, snapshot.Calls);
        Assert.Contains(snapshot.Units, u => u.Unit == UsageUnit.RowsWritten && u.Amount >= 1);
        Assert.Contains(snapshot.Units, u => u.Unit == UsageUnit.RowsRead && u.Amount >= 1);

        var rows = _services.GetRequiredService<ThroughputQuery>().Build(OpsWindow.Last15Minutes, "throttled").Rows;
        Assert.Equal(2, rows.Single(r => r.Operation == "get_user").Calls);
        Assert.Equal("SQLite sandbox", rows[0].Provider);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" }) File.Delete(f);
    }
}
