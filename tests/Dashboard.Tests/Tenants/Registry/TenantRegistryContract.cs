using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Errors;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.Core.Domain;
using Dashboard.Core.Tenants.Registry;
using Dashboard.Services;
using Dashboard.Testing;
using Dashboard.Tests.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Tenants.Registry;

/// <summary>
/// The tenant registry kept in the app store, the same checks on each engine the app store runs on (SQLite by
/// default, MySQL in cluster mode): seeding and pinning from configuration, runtime changes seen by a second
/// instance within seconds, disabled tenants refusing reads and writes, start-up validation and the connection
/// test before saving, write-only secrets, and concurrent saves of one tenant refused as conflicts.
/// </summary>
public abstract class TenantRegistryContract : IAsyncLifetime
{
    private readonly string _tenantFolder = Path.Combine(Path.GetTempPath(), "dashboard-registry-" + Guid.NewGuid().ToString("N"));
    private readonly List<RegistryInstance> _instances = [];
    private Dictionary<string, string?> _store = null!;
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>AppStore settings for a new, empty store.</summary>
    protected abstract Task<Dictionary<string, string?>> NewStoreAsync();

    protected abstract bool MySql { get; }

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_tenantFolder);
        _store = await NewStoreAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_tenantFolder, recursive: true); } catch (IOException) { }
    }

    private string SqliteFile(string name) => $"Data Source={Path.Combine(_tenantFolder, name + ".db")}";

    /// <summary>An instance on the shared store, configured with the "sandbox" tenant and a pinned "pinned" one (plus <paramref name="more"/>).</summary>
    private async Task<RegistryInstance> InstanceAsync(Person? person = null, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>(_store)
        {
            ["Tenants:sandbox:Provider"] = "Sqlite",
            ["Tenants:sandbox:DisplayName"] = "Sandbox",
            ["Tenants:sandbox:Settings:ConnectionString"] = SqliteFile("sandbox"),
            ["Tenants:pinned:Provider"] = "Sqlite",
            ["Tenants:pinned:DisplayName"] = "Pinned v1",
            ["Tenants:pinned:Pinned"] = "true",
            ["Tenants:pinned:Settings:ConnectionString"] = SqliteFile("pinned"),
        };
        foreach (var (key, value) in more) settings[key] = value;
        var instance = await RegistryInstance.StartAsync(settings, MySql, Ct, person);
        _instances.Add(instance);
        return instance;
    }

    private TenantChange NewSandbox(string id, string? name = null) => new(id, name ?? $"Runtime {id}", "Sqlite",
        new Dictionary<string, string?> { ["ConnectionString"] = SqliteFile(id), ["CreateSchema"] = "true" }, ExpectedVersion: null);

    [Fact]
    public async Task Configured_tenants_seed_the_registry_once_and_pinned_ones_follow_configuration_at_every_start()
    {
        var first = await InstanceAsync();
        Assert.Equal(["pinned", "sandbox"], first.Registry.All.Select(t => t.Id));
        Assert.True(first.Registry.Get("pinned").Pinned);
        Assert.False(first.Registry.Get("sandbox").Pinned);
        var sandbox = await first.Admin.GetAsync("sandbox", Ct);
        await first.Admin.UpdateAsync(new TenantChange("sandbox", "Sandbox renamed at runtime", "Sqlite", sandbox.Settings, sandbox.Version), Ct);

        var restarted = await InstanceAsync(null, ("Tenants:sandbox:DisplayName", "Sandbox from configuration"), ("Tenants:pinned:DisplayName", "Pinned v2"));

        Assert.Equal("Sandbox renamed at runtime", restarted.Registry.Get("sandbox").DisplayName); // the registry owns it now
        Assert.Equal("Pinned v2", restarted.Registry.Get("pinned").DisplayName); // configuration owns it
        var pinned = await restarted.Admin.GetAsync("pinned", Ct);
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => restarted.Admin.SetDisabledAsync("pinned", true, pinned.Version, Ct));
        Assert.Contains("pinned in configuration", refused.Message);
    }

    [Fact]
    public async Task A_tenant_added_on_one_instance_is_seen_and_used_by_another_within_seconds_without_restart()
    {
        var one = await InstanceAsync();
        var two = await InstanceAsync();
        Assert.Null(two.Registry.Find("runtime"));

        var added = await one.Admin.AddAsync(NewSandbox("runtime"), Ct);

        Assert.Equal(1, added.Version);
        Assert.NotNull(one.Registry.Find("runtime")); // at once where it was saved
        await two.EventuallyAsync(r => r.Find("runtime") is not null, "the tenant added on the first instance");
        var store = two.Stores.For("runtime");
        var user = await store.CreateUserAsync(new NewUser("ada@example.com", "Ada"), Ct);
        Assert.Equal([user.Id], (await one.Stores.For("runtime").ListUsersAsync(UserQuery.All, new PageRequest(10), Ct)).Items.Select(u => u.Id));
        var audit = await one.Audit.QueryAsync(new AuditQuery(Tenant: "runtime", Entity: TenantAdmin.AuditEntity), Ct);
        var entry = Assert.Single(audit.Entries);
        Assert.Equal((AuditAction.Create, RegistryInstance.Ops.Id), (entry.Action, entry.ActorId));
    }

    [Fact]
    public async Task A_tenant_disabled_on_one_instance_refuses_reads_and_writes_on_another_with_a_clear_message_until_enabled()
    {
        var one = await InstanceAsync();
        var two = await InstanceAsync();
        var added = await one.Admin.AddAsync(NewSandbox("customer"), Ct);
        await two.EventuallyAsync(r => r.Find("customer") is not null, "the new tenant");
        var openPage = two.Stores.For("customer"); // a page opened before the tenant was disabled
        await openPage.CreateUserAsync(new NewUser("before@example.com", "Before"), Ct);
        Assert.Equal(1, two.Backends.LiveCount);

        var disabled = await one.Admin.SetDisabledAsync("customer", true, added.Version, Ct);

        await two.EventuallyAsync(r => r.Get("customer").Disabled, "the tenant disabled");
        Assert.Equal(0, two.Backends.LiveCount); // its live store was let go
        var read = await Assert.ThrowsAsync<TenantDisabledException>(() => openPage.ListUsersAsync(UserQuery.All, new PageRequest(10), Ct));
        await Assert.ThrowsAsync<TenantDisabledException>(() => openPage.CreateUserAsync(new NewUser("after@example.com", "After"), Ct));
        Assert.Throws<TenantDisabledException>(() => two.Stores.For("customer"));
        Assert.Equal("Tenant customer is disabled: its data cannot be read or changed until Ops enable it again.", StoreErrorText.Describe(read));

        await one.Admin.SetDisabledAsync("customer", false, disabled.Version, Ct);

        await two.EventuallyAsync(r => !r.Get("customer").Disabled, "the tenant enabled again");
        Assert.Equal(["before@example.com"], (await openPage.ListUsersAsync(UserQuery.All, new PageRequest(10), Ct)).Items.Select(u => u.Email));
    }

    [Fact]
    public async Task Two_saves_of_one_tenant_from_the_same_version_race_and_the_second_is_refused_as_a_conflict()
    {
        var one = await InstanceAsync();
        var two = await InstanceAsync();
        var current = await one.Admin.AddAsync(NewSandbox("contested"), Ct);
        for (var round = 0; round < 5; round++)
        {
            var from = current;
            var saves = new[] { (one, "Name from one"), (two, "Name from two") }
                .Select(s => Task.Run(() => s.Item1.Admin.UpdateAsync(new TenantChange("contested", $"{s.Item2} #{round}", "Sqlite", from.Settings, from.Version), Ct)))
                .ToArray();
            await Task.WhenAll(saves.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

            var won = saves.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).ToList();
            var lost = saves.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException).ToList();
            Assert.Single(won);
            Assert.IsType<ConflictException>(Assert.Single(lost));
            current = await one.Admin.GetAsync("contested", Ct);
            Assert.Equal((won[0].DisplayName, from.Version + 1), (current.DisplayName, current.Version)); // the winner's values, not the loser's
        }
    }

    [Fact]
    public async Task A_save_is_checked_as_at_start_and_connection_tested_and_nothing_is_stored_when_either_fails()
    {
        var one = await InstanceAsync();
        var version = one.Registry.ChangeVersion;
        var closedPort = FreePort.Next();

        var unknown = await Assert.ThrowsAsync<ValidationException>(() => one.Admin.AddAsync(NewSandbox("a") with { Provider = "Oracle" }, Ct));
        var incomplete = await Assert.ThrowsAsync<ValidationException>(() =>
            one.Admin.AddAsync(NewSandbox("b") with { Settings = new Dictionary<string, string?> { ["CreateSchema"] = "true" } }, Ct));
        var badId = await Assert.ThrowsAsync<ValidationException>(() => one.Admin.AddAsync(NewSandbox("Not An Id"), Ct));
        var unreachable = await Assert.ThrowsAsync<ValidationException>(() => one.Admin.AddAsync(new TenantChange("c", "C", "PlanetScale",
            new Dictionary<string, string?> { ["ConnectionString"] = $"Server=127.0.0.1;Port={closedPort};Database=c;User ID=app;Password=x;SslMode=None" }, null), Ct));
        var taken = await Assert.ThrowsAsync<ValidationException>(() => one.Admin.AddAsync(NewSandbox("sandbox"), Ct));

        Assert.Contains("'Oracle' is not a known provider", Assert.Single(unknown.Errors["Provider"]));
        Assert.StartsWith("Settings:ConnectionString is required", Assert.Single(incomplete.Errors["Settings:ConnectionString"]));
        Assert.Contains("lower-case letters", Assert.Single(badId.Errors["Id"]));
        Assert.StartsWith("The connection test failed", Assert.Single(unreachable.Errors["Connection"]));
        Assert.Contains("exists already", Assert.Single(taken.Errors["Id"]));
        Assert.Equal(version, await one.Services.GetRequiredService<ITenantRegistryStore>().ChangeVersionAsync(Ct));
        Assert.Equal(["pinned", "sandbox"], (await one.Services.GetRequiredService<ITenantRegistryStore>().LoadAsync(Ct)).Tenants.Select(t => t.Id));
    }

    [Fact]
    public async Task Secrets_left_blank_keep_their_stored_value_and_the_audit_log_records_only_that_they_are_set()
    {
        var one = await InstanceAsync();
        var added = await one.Admin.AddAsync(NewSandbox("secretive"), Ct);

        var saved = await one.Admin.UpdateAsync(new TenantChange("secretive", "Renamed", "Sqlite",
            new Dictionary<string, string?> { ["ConnectionString"] = "", ["CreateSchema"] = "true" }, added.Version), Ct);

        Assert.Equal(SqliteFile("secretive"), saved.Settings["ConnectionString"]);
        var entries = (await one.Audit.QueryAsync(new AuditQuery(Tenant: "secretive"), Ct)).Entries;
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.DoesNotContain(_tenantFolder.Replace("\\", "\\\\"), e.After + e.Before));
        Assert.Contains(SecretSettings.Shown, entries[0].After);
    }

    [Fact]
    public async Task Only_ops_change_tenants()
    {
        await InstanceAsync();
        var support = await InstanceAsync(new Person("agent@example.com", "Sam", Role.Support, new HashSet<string> { "sandbox" }));

        await Assert.ThrowsAsync<ForbiddenException>(() => support.Admin.AddAsync(NewSandbox("mine"), Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() => support.Admin.SetDisabledAsync("sandbox", true, 1, Ct));
    }
}

public sealed class SqliteTenantRegistryTests : TenantRegistryContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-registry-store-" + Guid.NewGuid().ToString("N"));

    protected override bool MySql => false;

    protected override Task<Dictionary<string, string?>> NewStoreAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.FromResult(new Dictionary<string, string?> { ["AppStore:ConnectionString"] = $"Data Source={Path.Combine(_folder, "dashboard.db")}" });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

[Trait("Backend", "PlanetScale")]
public sealed class MariaDbTenantRegistryTests(MariaDbForAppStore maria) : TenantRegistryContract, IClassFixture<MariaDbForAppStore>
{
    protected override bool MySql => true;

    protected override Task<Dictionary<string, string?>> NewStoreAsync() => Task.FromResult(new Dictionary<string, string?>
    {
        ["AppStore:Provider"] = "MySql",
        ["AppStore:ConnectionString"] = maria.Server.ConnectionString(database: "dashboard_" + Guid.NewGuid().ToString("N")[..12]),
    });
}
