using Dashboard.AppStore;
using Dashboard.AppStore.Lockout;
using Dashboard.AppStore.Sessions;
using Dashboard.Core.Audit;
using Dashboard.Core.Tenants;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Access;

/// <summary>
/// The app store's sessions, lockout and recent tenants tables, the same checks on each database the app store runs on (SQLite
/// by default, MySQL when configured): created in stores made before they existed, atomic counting shared by
/// instances, and bounded by trimming and clean-up.
/// </summary>
public abstract class AccessTablesContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-03-01T09:00:00Z");
    private ServiceProvider _services = null!;
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>AppStore settings for a new, empty store.</summary>
    protected abstract Task<Dictionary<string, string?>> NewStoreAsync();

    protected abstract bool MySql { get; }

    private SessionStore Sessions => _services.GetRequiredService<SessionStore>();
    private SignInLockoutStore Lockouts => _services.GetRequiredService<SignInLockoutStore>();

    public async ValueTask InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(await NewStoreAsync()).Build();
        _services = new ServiceCollection().AddLogging().AddAppStore(configuration).BuildServiceProvider();
        await WithDbAsync(db => AppStoreSchema.EnsureAsync(db, MySql, Ct));
    }

    public virtual async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private async Task WithDbAsync(Func<AppStoreDbContext, Task> use)
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<AppStoreDbContext>>().CreateDbContextAsync(Ct);
        await use(db);
    }

    private static SessionRecord Session(string id, string person, DateTimeOffset at, TimeSpan lifetime) =>
        new(id, person, person, "Support", ["acme"], "Local", [], "stamp", at, at, at + lifetime);

    [Fact]
    public async Task A_store_made_before_these_tables_existed_gets_them_at_start_and_keeps_its_audit_log()
    {
        await _services.GetRequiredService<IAuditLog>().AppendAsync(
            new AuditEntry(0, T0, "ops@example.com", "Ops", "acme", "User", "u1", AuditAction.Create, null, "{}"), Ct);
        await WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE sessions", Ct);
            await db.Database.ExecuteSqlRawAsync("DROP TABLE sign_in_lockouts", Ct);
        });

        await WithDbAsync(db => AppStoreSchema.EnsureAsync(db, MySql, Ct));

        await Sessions.CreateAsync(Session("s1", "agent@example.com", T0, TimeSpan.FromHours(1)), Ct);
        Assert.Equal("agent@example.com", (await Sessions.FindAsync("s1", Ct))!.PersonId);
        Assert.Equal(1, await Lockouts.RecordFailureAsync("k", T0, TimeSpan.FromMinutes(15), Ct));
        Assert.Single((await _services.GetRequiredService<IAuditLog>().QueryAsync(new(), Ct)).Entries);
        await WithDbAsync(db => AppStoreSchema.EnsureAsync(db, MySql, Ct)); // and again: nothing to do
    }

    [Fact]
    public async Task Sessions_are_stored_touched_revoked_once_and_listed_while_in_force()
    {
        await Sessions.CreateAsync(Session("a", "agent@example.com", T0, TimeSpan.FromHours(24)), Ct);
        await Sessions.CreateAsync(Session("b", "agent@example.com", T0.AddMinutes(1), TimeSpan.FromHours(24)), Ct);
        await Sessions.CreateAsync(Session("c", "viewer@example.com", T0, TimeSpan.FromHours(24)), Ct);

        await Sessions.TouchAsync("a", T0.AddMinutes(30), Ct);
        Assert.Equal(T0.AddMinutes(30), (await Sessions.FindAsync("a", Ct))!.LastSeenAt);
        Assert.Equal("agent@example.com", await Sessions.RevokeAsync("a", "ops@example.com", T0.AddMinutes(31), Ct));
        Assert.Null(await Sessions.RevokeAsync("a", "ops@example.com", T0.AddMinutes(32), Ct));
        var revoked = (await Sessions.FindAsync("a", Ct))!;
        Assert.Equal(("ops@example.com", T0.AddMinutes(31)), (revoked.RevokedBy, revoked.RevokedAt!.Value));

        var listed = await Sessions.ListActiveAsync(T0.AddHours(1), T0, null, 10, Ct);
        Assert.Equal(["b", "c"], listed.Select(s => s.Id).Order());
        Assert.Equal(["b"], (await Sessions.ListActiveAsync(T0.AddHours(1), T0, "Agent@Example.com", 10, Ct)).Select(s => s.Id));
        Assert.Equal(["b"], await Sessions.RevokeAllAsync("agent@example.com", "ops@example.com", T0.AddHours(1), Ct));
    }

    [Fact]
    public async Task Ended_sessions_are_deleted_and_live_ones_kept()
    {
        await Sessions.CreateAsync(Session("expired", "a@example.com", T0.AddHours(-25), TimeSpan.FromHours(24)), Ct);
        await Sessions.CreateAsync(Session("idle", "b@example.com", T0.AddHours(-9), TimeSpan.FromHours(24)), Ct);
        await Sessions.CreateAsync(Session("revoked-long-ago", "c@example.com", T0.AddHours(-3), TimeSpan.FromHours(24)), Ct);
        await Sessions.RevokeAsync("revoked-long-ago", "ops", T0.AddHours(-2), Ct);
        await Sessions.CreateAsync(Session("revoked-just-now", "d@example.com", T0.AddHours(-3), TimeSpan.FromHours(24)), Ct);
        await Sessions.RevokeAsync("revoked-just-now", "ops", T0.AddMinutes(-5), Ct);
        await Sessions.CreateAsync(Session("live", "e@example.com", T0.AddHours(-1), TimeSpan.FromHours(24)), Ct);

        var deleted = await Sessions.DeleteEndedAsync(T0, idleCutoff: T0.AddHours(-8), revokedBefore: T0.AddHours(-1), Ct);

        Assert.Equal(3, deleted);
        Assert.NotNull(await Sessions.FindAsync("live", Ct));
        Assert.NotNull(await Sessions.FindAsync("revoked-just-now", Ct));
        Assert.Null(await Sessions.FindAsync("idle", Ct));
    }

    [Fact]
    public async Task Failures_are_counted_atomically_by_concurrent_writers_within_the_window()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Lockouts.RecordFailureAsync("shared", T0, TimeSpan.FromMinutes(15), Ct)));
        Assert.Equal(21, await Lockouts.RecordFailureAsync("shared", T0.AddMinutes(14), TimeSpan.FromMinutes(15), Ct));
        Assert.Equal(1, await Lockouts.RecordFailureAsync("shared", T0.AddMinutes(16), TimeSpan.FromMinutes(15), Ct)); // a new window
    }

    [Fact]
    public async Task A_lock_holds_until_its_end_and_clearing_forgets_the_key()
    {
        await Lockouts.RecordFailureAsync("k", T0, TimeSpan.FromMinutes(15), Ct);
        await Lockouts.LockAsync("k", T0, T0.AddMinutes(15), Ct);
        Assert.Equal(T0.AddMinutes(15), await Lockouts.LockedUntilAsync(["other", "k"], T0.AddMinutes(14), Ct));
        Assert.Null(await Lockouts.LockedUntilAsync(["k"], T0.AddMinutes(15), Ct));
        await Lockouts.ClearAsync("k", Ct);
        Assert.Equal(0, await Lockouts.CountAsync(Ct));
    }

    [Fact]
    public async Task Tabs_recording_recent_tenants_at_once_lose_nothing_and_keep_one_row_per_tenant()
    {
        var recents = _services.GetRequiredService<IRecentTenants>();
        const string person = "agent@example.com";
        // Two tabs open the same tenant at the same moment, while others open different ones.
        var tenants = Enumerable.Range(0, IRecentTenants.Kept + 4).Select(i => $"t{i:0000}").ToList();
        await Task.WhenAll(tenants.Concat(tenants).Select(t => Task.Run(() => recents.RememberAsync(person, t, Ct))));

        var kept = await recents.ListAsync(person, Ct);
        Assert.Equal(IRecentTenants.Kept, kept.Count);
        Assert.Equal(kept.Distinct().Count(), kept.Count);
        Assert.All(kept, t => Assert.Contains(t, tenants));

        // After the race, one more switch still comes first.
        await recents.RememberAsync(person, "t9999", Ct);
        Assert.Equal("t9999", (await recents.ListAsync(person, Ct))[0]);
    }

    [Fact]
    public async Task Trimming_drops_spent_counters_keeps_locks_in_force_and_caps_the_rest_oldest_first()
    {
        var window = TimeSpan.FromMinutes(15);
        await Lockouts.RecordFailureAsync("locked", T0, window, Ct);
        await Lockouts.LockAsync("locked", T0, T0.AddHours(1), Ct);
        await Lockouts.RecordFailureAsync("spent", T0, window, Ct);
        for (var i = 0; i < 60; i++) await Lockouts.RecordFailureAsync($"made-up-{i:D2}", T0.AddMinutes(20).AddSeconds(i), window, Ct);

        var deleted = await Lockouts.TrimAsync(T0.AddMinutes(30), window, maxEntries: 40, Ct);

        Assert.Equal(22, deleted); // "spent", then the 21 least recently touched made-up ones
        Assert.Equal(40, await Lockouts.CountAsync(Ct));
        Assert.NotNull(await Lockouts.LockedUntilAsync(["locked"], T0.AddMinutes(30), Ct));
        Assert.Equal(2, await Lockouts.RecordFailureAsync("made-up-59", T0.AddMinutes(31), window, Ct)); // the newest stayed
        Assert.Equal(1, await Lockouts.RecordFailureAsync("made-up-00", T0.AddMinutes(31), window, Ct)); // the oldest went
    }
}

public sealed class SqliteAccessTablesTests : AccessTablesContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-tables-" + Guid.NewGuid().ToString("N"));

    protected override bool MySql => false;

    protected override Task<Dictionary<string, string?>> NewStoreAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.FromResult(new Dictionary<string, string?> { ["AppStore:ConnectionString"] = $"Data Source={Path.Combine(_folder, "dashboard.db")}" });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>One MariaDB server for the class; each test gets its own database.</summary>
public sealed class MariaDbForAppStore : IAsyncLifetime
{
    public MariaDbServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await MariaDbServer.StartAsync([], CancellationToken.None);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

[Trait("Backend", "PlanetScale")]
public sealed class MariaDbAccessTablesTests(MariaDbForAppStore maria) : AccessTablesContract, IClassFixture<MariaDbForAppStore>
{
    protected override bool MySql => true;

    protected override Task<Dictionary<string, string?>> NewStoreAsync() => Task.FromResult(new Dictionary<string, string?>
    {
        ["AppStore:Provider"] = "MySql",
        ["AppStore:ConnectionString"] = maria.Server.ConnectionString(database: "dashboard_" + Guid.NewGuid().ToString("N")[..12]),
    });
}
