using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Sql;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Resilience;

/// <summary>
/// Preparing tenants at start (schemas, demo data) is bounded: with thousands of tenants it built every store at
/// once. A tenant whose backend is dead keeps retrying without holding a place from the others.
/// </summary>
public sealed class TenantStartupConcurrencyTests : IDisposable
{
    private const int Healthy = 12;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-prepare-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task At_most_PrepareConcurrency_tenants_are_prepared_at_once_and_a_dead_backend_holds_no_place()
    {
        Directory.CreateDirectory(_folder);
        var options = new TenantsOptions();
        // The dead tenant first in the registry's order: it must not block the ones after it.
        options.Tenants["a-dead"] = Sqlite($"Data Source={Path.Combine(_folder, "missing", "dead.db")};Mode=ReadWrite");
        for (var i = 0; i < Healthy; i++) options.Tenants[$"t{i:00}"] = Sqlite($"Data Source={Path.Combine(_folder, $"t{i:00}.db")}");
        var registry = new TenantRegistry(Options.Create(options), [new SqliteStoreProvider()]);
        var backends = new GaugedBackends(registry);
        var service = new TenantStartupService(registry, backends, TimeProvider.System, NullLogger<TenantStartupService>.Instance);

        await service.StartAsync(Ct);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (backends.Prepared < Healthy)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{backends.Prepared} of {Healthy} tenants prepared");
                await Task.Delay(50, Ct);
            }
            Assert.InRange(backends.MaxInFlight, 2, TenantStartupService.PrepareConcurrency);
            Assert.True(backends.DeadAttempts >= 1, "the dead tenant was tried");
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    private static TenantOptions Sqlite(string connectionString) => new()
    {
        Provider = "Sqlite",
        Settings = { [SqliteStoreProvider.ConnectionStringKey] = connectionString, [TenantStartupService.CreateSchemaKey] = "true" },
    };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Real SQLite stores whose schema creation is slowed a little and counted while in flight.</summary>
    private sealed class GaugedBackends(TenantRegistry registry) : ITenantBackends
    {
        private readonly SqliteStoreProvider _provider = new();
        private int _inFlight, _maxInFlight, _prepared, _deadAttempts;

        public int MaxInFlight => Volatile.Read(ref _maxInFlight);
        public int Prepared => Volatile.Read(ref _prepared);
        public int DeadAttempts => Volatile.Read(ref _deadAttempts);

        public IDataStore For(string tenantId) => new Gauged(_provider.Create(registry.Get(tenantId)), tenantId, this);

        private sealed class Gauged(IDataStore inner, string tenant, GaugedBackends gauge) : DataStoreDecorator(inner)
        {
            public override async Task EnsureSchemaAsync(CancellationToken ct)
            {
                var now = Interlocked.Increment(ref gauge._inFlight);
                InterlockedMax(ref gauge._maxInFlight, now);
                try
                {
                    await Task.Delay(100, ct);
                    if (tenant == "a-dead") Interlocked.Increment(ref gauge._deadAttempts);
                    await base.EnsureSchemaAsync(ct);
                    Interlocked.Increment(ref gauge._prepared);
                }
                finally
                {
                    Interlocked.Decrement(ref gauge._inFlight);
                }
            }

            private static void InterlockedMax(ref int target, int value)
            {
                for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
                    if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
            }
        }
    }
}
