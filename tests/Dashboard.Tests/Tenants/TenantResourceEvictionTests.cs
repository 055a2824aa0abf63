using Dashboard.Core.Access;
using Dashboard.Core.Demo;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Operations.Resilience;
using Dashboard.Providers.Sql;
using Dashboard.Tests.Metering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Tenants;

/// <summary>
/// Per-tenant resources on 200 real SQLite tenants: nothing built at start, built on first use, at most
/// MaxLive at once (least recently used evicted), idle ones evicted, their circuits let go with them, and a
/// person's store keeps working across an eviction.
/// </summary>
public sealed class TenantResourceEvictionTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly BackendCallCounter _calls = new();
    private ManyTenants _world = null!;

    public ValueTask InitializeAsync()
    {
        _world = new ManyTenants(200, Person.System, s =>
        {
            s.AddSingleton<TimeProvider>(_clock);
            s.AddSingleton(_calls.Around(new SqliteStoreProvider(), "CountedSqlite"));
            // About eviction, not timeouts: the first ping (EF's model, SQLite's start) can pass 2 s on a loaded machine.
            s.AddOptions<ResilienceOptions>().Configure(o => o.ProbeTimeout = o.Timeout = TimeSpan.FromSeconds(30));
            s.AddSingleton<TenantCircuits>();
            s.AddSingleton<IDataStoreDecorator, ResilienceDecorator>();
        }, new Dictionary<string, string?>
        {
            ["TenantResources:MaxLive"] = "10",
            ["TenantResources:IdleAfter"] = "00:10:00",
            ["TenantResources:DisposeGrace"] = "00:00:00",
        }, provider: "CountedSqlite");
        return ValueTask.CompletedTask;
    }

    private ITenantBackends Backends => _world.Services.GetRequiredService<ITenantBackends>();

    private TenantCircuits Circuits => _world.Services.GetRequiredService<TenantCircuits>();

    [Fact]
    public async Task Nothing_is_built_at_start_and_at_most_max_live_stores_and_circuits_exist_after_every_tenant_was_used()
    {
        Assert.Equal(200, _world.Services.GetRequiredService<TenantRegistry>().All.Count);
        Assert.Equal(0, Backends.LiveCount);
        Assert.Equal(0, _calls.StoresCreated);

        for (var i = 0; i < 200; i++)
        {
            await Backends.For(ManyTenants.Id(i)).PingAsync(Ct);
            _clock.Advance(TimeSpan.FromMilliseconds(10));
            Assert.InRange(Backends.LiveCount, 1, 10);
        }

        Assert.Equal(200, _calls.StoresCreated);
        Assert.InRange(Circuits.Count, 1, 10);
        // The most recently used are the ones kept.
        Assert.All(Circuits.All, c => Assert.True(string.CompareOrdinal(c.Tenant, ManyTenants.Id(189)) > 0, c.Tenant));
    }

    [Fact]
    public async Task A_store_unused_for_longer_than_idle_after_is_evicted_on_a_later_use_of_another_tenant()
    {
        await Backends.For("t0001").PingAsync(Ct);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Backends.For("t0002").PingAsync(Ct);
        Assert.Equal(2, Backends.LiveCount);

        _clock.Advance(TimeSpan.FromMinutes(6)); // t0001 idle 11 min, t0002 6 min
        await Backends.For("t0003").PingAsync(Ct);

        Assert.Equal(2, Backends.LiveCount);
        Assert.Equal(["t0002", "t0003"], Circuits.All.Select(c => c.Tenant));
    }

    [Fact]
    public async Task A_health_ping_of_an_idle_tenant_does_not_make_it_live()
    {
        await Backends.PingAsync("t0042", Ct);

        Assert.Equal(0, Backends.LiveCount);
        Assert.Equal(1, _calls.CallsTo("t0042"));
    }

    [Fact]
    public async Task Preparing_every_tenant_at_start_makes_none_live_and_leaves_no_database_file_open()
    {
        var registry = _world.Services.GetRequiredService<TenantRegistry>();
        var prepared = registry.All.Take(30).Select(t => t with { Settings = new Dictionary<string, string?>(t.Settings) { [TenantStartupService.CreateSchemaKey] = "true" } }).ToList();

        // What the startup service does for each tenant whose settings ask for a schema.
        foreach (var tenant in prepared) await Backends.WithStoreAsync(tenant.Id, store => TenantStartupService.PrepareOnceAsync(tenant, store, Ct));

        Assert.Equal(0, Backends.LiveCount);
        Assert.All(prepared, t => Assert.Equal(1, _calls.CallsTo(t.Id)));
        var open = new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos().Select(fd => { try { return fd.LinkTarget; } catch (IOException) { return null; } });
        Assert.DoesNotContain(open, target => prepared.Any(t => target?.EndsWith($"{t.Id}.db", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task A_persons_store_keeps_working_after_its_backend_store_was_evicted()
    {
        var data = Backends.For("t0007");
        await data.EnsureSchemaAsync(Ct);
        await DemoDataSeeder.SeedAsync(data, Ct, userCount: 5);
        // What the store factory gives people's stores to call.
        var store = new LiveBackendStore(Backends, "t0007");
        var before = await store.ListUsersAsync(new UserQuery(), new Dashboard.Core.Paging.PageRequest(10), Ct);

        // Evict it: eleven other tenants used since.
        for (var i = 100; i < 111; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Backends.For(ManyTenants.Id(i)).PingAsync(Ct);
        }
        Assert.DoesNotContain(Circuits.All, c => c.Tenant == "t0007");
        var created = _calls.StoresCreated;

        var after = await store.ListUsersAsync(new UserQuery(), new Dashboard.Core.Paging.PageRequest(10), Ct);

        Assert.Equal(before.Items.Select(u => u.Id), after.Items.Select(u => u.Id));
        Assert.Equal(created + 1, _calls.StoresCreated); // built again on use
    }

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
}
