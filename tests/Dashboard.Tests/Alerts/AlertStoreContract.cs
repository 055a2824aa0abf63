using Dashboard.AppStore;
using Dashboard.Core;
using Dashboard.Core.Alerts;
using Dashboard.Core.Errors;
using Dashboard.Core.Stores;
using Dashboard.Core.Usage;
using Dashboard.Operations.Metering.Rolling;
using Dashboard.Operations;
using Dashboard.Operations.Alerts;
using Dashboard.Providers.Sql;
using Dashboard.Tests.Access;
using Dashboard.Tests.Metering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Alerts;

/// <summary>
/// The alerts table and the fleet lease on each database the app store runs on: one open alert per key whoever
/// opens it, acknowledgement with conflict detection, one lease holder at a time, and two instances (two service
/// providers on one store) of which only one evaluates and notifies, the other taking over when the lease lapses.
/// </summary>
public abstract class AlertStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-03-02T09:00:00Z");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-alerts-" + Guid.NewGuid().ToString("N"));
    private readonly List<ServiceProvider> _providers = [];
    private Dictionary<string, string?> _store = null!;
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>AppStore settings for a new, empty store.</summary>
    protected abstract Task<Dictionary<string, string?>> NewStoreAsync(string folder);

    protected abstract bool MySql { get; }

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _store = await NewStoreAsync(_folder);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _providers) await p.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>One dashboard instance's services on the shared app store, with the sandbox tenant "acme" and the given alert settings.</summary>
    private async Task<ServiceProvider> InstanceAsync(TimeProvider clock, string name, IDictionary<string, string?>? alerts = null)
    {
        var settings = new Dictionary<string, string?>(_store)
        {
            ["Tenants:acme:Provider"] = "Sqlite",
            ["Tenants:acme:Settings:ConnectionString"] = $"Data Source={Path.Combine(_folder, name + "-acme.db")}",
        };
        foreach (var (k, v) in alerts ?? new Dictionary<string, string?>()) settings[$"Alerts:{k}"] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(clock);
        services.AddSingleton(new Dashboard.Operations.Queries.InstanceName(name));
        services.AddDashboardCore(configuration);
        services.AddSqlProviders();
        services.AddAppStore(configuration);
        services.AddDashboardOperations(configuration);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        await using var db = await provider.GetRequiredService<IDbContextFactory<AppStoreDbContext>>().CreateDbContextAsync(Ct);
        await AppStoreSchema.EnsureAsync(db, MySql, Ct);
        return provider;
    }

    private static AlertRecord Firing(string key, DateTimeOffset at) =>
        new(0, key, nameof(AlertRuleKind.ErrorRate), "tenant acme", "acme", AlertState.Firing, at, at, null, 12.5, 5, "12.5 % failed", [1, 2, 12.5], null, null, null, null, 0);

    [Fact]
    public async Task One_alert_per_key_opens_however_many_try_and_a_resolved_key_can_fire_again()
    {
        var store = (await InstanceAsync(TimeProvider.System, "a")).GetRequiredService<IAlertStore>();
        var opened = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => store.OpenAsync(Firing("ErrorRate:tenant acme", T0), Ct)));
        var alert = Assert.Single(opened.OfType<AlertRecord>());
        Assert.Equal([1, 2, 12.5], alert.Sparkline);

        await store.ObserveAsync(alert.Id, new AlertObservation(20, "20 % failed", [20], T0.AddMinutes(1)), Ct);
        var observed = (await store.FindAsync(alert.Id, Ct))!;
        Assert.Equal((20.0, T0.AddMinutes(1), alert.Version), (observed.Value, observed.LastBreachAt, observed.Version));

        Assert.True(await store.ResolveAsync(alert.Id, T0.AddMinutes(5), Ct));
        Assert.False(await store.ResolveAsync(alert.Id, T0.AddMinutes(6), Ct));
        Assert.Empty(await store.ListOpenAsync(Ct));
        var again = await store.OpenAsync(Firing("ErrorRate:tenant acme", T0.AddMinutes(10)), Ct);
        Assert.NotNull(again);
        Assert.Equal([again.Id, alert.Id], (await store.ListRecentAsync(T0, 10, Ct)).Select(a => a.Id));
        Assert.Equal([again.Id], (await store.ListRecentAsync(T0.AddMinutes(6), 10, Ct)).Select(a => a.Id)); // resolved before the cut
    }

    [Fact]
    public async Task Acknowledging_records_who_and_the_note_and_a_stale_or_resolved_alert_is_a_conflict()
    {
        var store = (await InstanceAsync(TimeProvider.System, "a")).GetRequiredService<IAlertStore>();
        var alert = (await store.OpenAsync(Firing("k1", T0), Ct))!;

        var acked = await store.AcknowledgeAsync(alert.Id, alert.Version, "ops@example.com", "  looking at the scan  ", T0.AddMinutes(1), Ct);
        Assert.Equal((AlertState.Acknowledged, "ops@example.com", "looking at the scan", T0.AddMinutes(1)),
            (acked.State, acked.AcknowledgedBy, acked.AcknowledgedNote, acked.AcknowledgedAt!.Value));
        Assert.True(acked.IsOpen);
        await Assert.ThrowsAsync<ConflictException>(() => store.AcknowledgeAsync(alert.Id, alert.Version, "other@example.com", "me too", T0.AddMinutes(2), Ct));

        await store.ResolveAsync(alert.Id, T0.AddMinutes(3), Ct);
        await Assert.ThrowsAsync<ConflictException>(() => store.AcknowledgeAsync(alert.Id, acked.Version + 1, "ops@example.com", "late", T0.AddMinutes(4), Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => store.AcknowledgeAsync(987654, 1, "ops@example.com", "none", T0, Ct));
    }

    [Fact]
    public async Task A_lease_has_one_holder_until_it_lapses_and_a_notification_is_claimed_once()
    {
        var services = await InstanceAsync(TimeProvider.System, "a");
        var lease = services.GetRequiredService<IFleetLease>();
        var lease30s = TimeSpan.FromSeconds(30);
        var first = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => lease.TryAcquireAsync("l", $"h{i}", T0, lease30s, Ct)));
        Assert.Single(first, got => got);
        var holder = $"h{Array.IndexOf(first, true)}";
        var other = holder == "h0" ? "h1" : "h0";
        Assert.True(await lease.TryAcquireAsync("l", holder, T0.AddSeconds(20), lease30s, Ct)); // renewed to T0+50 s
        Assert.False(await lease.TryAcquireAsync("l", other, T0.AddSeconds(45), lease30s, Ct));
        Assert.True(await lease.TryAcquireAsync("l", other, T0.AddSeconds(50), lease30s, Ct));
        Assert.False(await lease.TryAcquireAsync("l", holder, T0.AddSeconds(51), lease30s, Ct));

        var store = services.GetRequiredService<IAlertStore>();
        var alert = (await store.OpenAsync(Firing("k2", T0), Ct))!;
        var claims = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => store.ClaimNotificationAsync(alert.Id, T0, Ct)));
        Assert.Single(claims, c => c);
    }

    [Fact]
    public async Task Two_instances_on_one_store_evaluate_and_notify_once_and_the_other_takes_over_when_the_lease_lapses()
    {
        await using var receiver = new WebhookReceiver();
        var clock = new FakeTimeProvider(T0);
        var alerts = new Dictionary<string, string?>
        {
            // A threshold every real call passes, so the sandbox's own calls breach it.
            ["Latency:P95MsAbove"] = "0.0001",
            ["Latency:MinCalls"] = "5",
            ["Throttling:SurfacedAbove"] = null,
            ["LeaseSeconds"] = "45",
            ["ResolveAfterClearSeconds"] = "60",
            ["Webhooks:0:Url"] = receiver.Url,
            ["Webhooks:0:FirstBackoffMs"] = "0",
        };
        var a = await InstanceAsync(clock, "instance-a", alerts);
        var b = await InstanceAsync(clock, "instance-b", alerts);
        foreach (var instance in new[] { a, b }) await instance.GetRequiredService<WebhookNotifier>().StartAsync(Ct);
        var storeOfA = ForcedThrottleTests.DecoratedStore(a, "acme");
        await storeOfA.EnsureSchemaAsync(Ct);
        for (var i = 0; i < 10; i++) await storeOfA.GetUserAsync("nobody", Ct);
        clock.Advance(TimeSpan.FromSeconds(10));

        var roundA = await a.GetRequiredService<AlertEngine>().RunOnceAsync(Ct);
        var roundB = await b.GetRequiredService<AlertEngine>().RunOnceAsync(Ct);
        Assert.True(roundA.Evaluated);
        Assert.False(roundB.Evaluated);
        Assert.Equal(1, roundA.Fired);
        var alert = Assert.Single(await a.GetRequiredService<IAlertStore>().ListOpenAsync(Ct));
        Assert.Equal(("LatencyP95:acme get_user", "acme"), (alert.Key, alert.Tenant));

        // A keeps the lease and the alert: more rounds fire nothing new.
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(0, (await a.GetRequiredService<AlertEngine>().RunOnceAsync(Ct)).Fired);
        Assert.False((await b.GetRequiredService<AlertEngine>().RunOnceAsync(Ct)).Evaluated);

        // A stops (its lease is no longer renewed in the background); B takes over once the lease lapses. B's own store
        // saw no calls: the condition is clear to it, and the alert resolves after the hold, without firing again.
        await a.GetRequiredService<AlertEngine>().DisposeAsync();
        clock.Advance(TimeSpan.FromSeconds(46));
        var takeover = await b.GetRequiredService<AlertEngine>().RunOnceAsync(Ct);
        Assert.True(takeover.Evaluated);
        Assert.Equal((0, 0), (takeover.Fired, takeover.Resolved)); // cleared 46 s ago, the hold is 60 s
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(1, (await b.GetRequiredService<AlertEngine>().RunOnceAsync(Ct)).Resolved);
        Assert.Empty(await b.GetRequiredService<IAlertStore>().ListOpenAsync(Ct));

        // Only "did both arrive": a passing run waits milliseconds, a busy machine (seen at load 30) more than 10 s.
        Assert.True(await receiver.WaitForAsync(r => r.Received.Count >= 2, TimeSpan.FromSeconds(45)));
        await Task.Delay(200, Ct);
        Assert.Equal([(AlertNotification.Firing, "instance-a"), (AlertNotification.Resolved, "instance-b")],
            receiver.Received.Select(n => (n.Status, n.Instance)));
        Assert.All(receiver.Received, n => Assert.Equal(alert.Id, n.AlertId));
    }

    [Fact]
    public async Task The_units_baseline_is_kept_per_tenant_hour_compared_by_hour_of_day_and_pruned_past_seven_days()
    {
        // The instance starts at 08:00, so the hour to 09:00 is whole in its rolling store.
        var clock = new FakeTimeProvider(T0.AddHours(-1));
        var a = await InstanceAsync(clock, "a", new Dictionary<string, string?> { ["UnitsSpike:Factor"] = "5", ["UnitsSpike:MinUnitsPerMinute"] = "100" });
        _ = a.GetRequiredService<IAlertInputs>();
        var store = a.GetRequiredService<IUnitsBaselineStore>();
        var rolling = a.GetRequiredService<RollingStore>();
        var series = Calls.Series("acme", "SQLite", StoreOperation.ListUsers);
        void Units(double units) => rolling.Record(Calls.Finished(series, 2, units: [(UsageUnit.RowsRead, units)]));

        // A recorded week: 200 units a minute at 09:00-09:59 on the last three days, 2,000 a minute at 10:00-10:59
        // (a busier hour), and two rows older than the week.
        async Task KeepAsync(DateTimeOffset hour, double units) =>
            Assert.True(await store.AddHourAsync(hour, ["acme"], new Dictionary<string, double> { ["acme"] = units }, Ct));
        await KeepAsync(T0.AddHours(-1).AddDays(-8), 1);
        await KeepAsync(T0.AddHours(-2).AddDays(-7), 1);
        for (var d = 3; d >= 1; d--)
        {
            await KeepAsync(T0.AddDays(-d), 200 * 60);
            await KeepAsync(T0.AddHours(1).AddDays(-d), 2000 * 60);
        }

        clock.Advance(TimeSpan.FromMinutes(10));
        Units(100);
        clock.Advance(TimeSpan.FromMinutes(40));
        Units(50);
        clock.SetUtcNow(T0.AddSeconds(20));
        Assert.True((await a.GetRequiredService<AlertEngine>().RunOnceAsync(Ct)).Evaluated);

        // The hour just over is kept, once per tenant-hour; a second instance rolling it again changes nothing.
        var b = await InstanceAsync(clock, "b");
        await b.GetRequiredService<UnitsBaseline>().RollAsync(Ct);
        Assert.Equal([("acme", 150.0)], (await store.ReadAsync([T0.AddHours(-1)], Ct)).Select(r => (r.Tenant, r.Units)));
        // Older than the week before that hour: removed; the week's rows stay.
        Assert.Empty(await store.ReadAsync([T0.AddHours(-1).AddDays(-8), T0.AddHours(-2).AddDays(-7)], Ct));
        Assert.Equal(3, (await store.ReadAsync(Enumerable.Range(1, 3).Select(d => T0.AddDays(-d)).ToList(), Ct)).Count);
        Assert.Equal("baseline: 3 of 7 days (still building)", (await a.GetRequiredService<UnitsBaseline>().StatusAsync(Ct)).Text);

        // 09:29: 1,500 units, above 5 × the 09:00 median of 200 a minute.
        clock.SetUtcNow(T0.AddMinutes(29).AddSeconds(10));
        Units(1500);
        clock.SetUtcNow(T0.AddMinutes(30).AddSeconds(5));
        var spike = Spike(await a.GetRequiredService<AlertEvaluator>().EvaluateAsync(Ct));
        Assert.True(spike.Breached, spike.Summary);
        Assert.Equal((1500.0, 1000.0), (spike.Value, spike.Threshold));
        Assert.Contains("median of 200.0 units/min at 09:00–09:59 UTC over the 3 previous days", spike.Summary);

        // 10:29: the same 1,500 units, below 5 × the 10:00 median of 2,000 a minute: the busier hour is not a spike.
        clock.SetUtcNow(T0.AddHours(1).AddMinutes(29).AddSeconds(10));
        Units(1500);
        clock.SetUtcNow(T0.AddHours(1).AddMinutes(30).AddSeconds(5));
        var busyHour = Spike(await a.GetRequiredService<AlertEvaluator>().EvaluateAsync(Ct));
        Assert.False(busyHour.Breached, busyHour.Summary);
        Assert.Equal(10000.0, busyHour.Threshold);
    }

    [Fact]
    public async Task An_hour_rolled_by_two_instances_at_once_is_kept_whole_from_one_of_them_and_idle_tenants_take_no_rows()
    {
        var a = await InstanceAsync(TimeProvider.System, "a");
        var b = await InstanceAsync(TimeProvider.System, "b");
        var hour = T0.AddDays(-1);
        // 1,000 tenants, 10 with units: what each instance saw differs (each counted its own share).
        var tenants = Enumerable.Range(0, 1000).Select(i => $"t{i:0000}").ToList();
        Dictionary<string, double> Seen(double by) => tenants.Take(10).ToDictionary(t => t, t => by + int.Parse(t[1..]));
        var (seenByA, seenByB) = (Seen(100), Seen(500));

        for (var round = 0; round < 5; round++)
        {
            var at = hour.AddHours(round - 4);
            var kept = await Task.WhenAll(
                Task.Run(() => a.GetRequiredService<IUnitsBaselineStore>().AddHourAsync(at, tenants, seenByA, Ct)),
                Task.Run(() => b.GetRequiredService<IUnitsBaselineStore>().AddHourAsync(at, tenants, seenByB, Ct)));
            Assert.Equal(1, kept.Count(k => k));
            var read = await a.GetRequiredService<IUnitsBaselineStore>().ReadAsync([at], Ct);
            Assert.Equal(1000, read.Count);
            var winner = kept[0] ? seenByA : seenByB;
            Assert.All(read, r => Assert.Equal(winner.GetValueOrDefault(r.Tenant), r.Units));
        }

        // A row per tenant with units and one marker per hour, not one per tenant-hour.
        Assert.Equal(5 * (10 + 1), await RowsAsync(a, "units_baseline"));
        Assert.Equal(1000, await RowsAsync(a, "units_baseline_tenants"));
        // A tenant added later counts from its first kept hour, not before: no week of zeros it never had.
        var later = hour.AddHours(1);
        Assert.True(await a.GetRequiredService<IUnitsBaselineStore>().AddHourAsync(later, [.. tenants, "t-new"], seenByA, Ct));
        var both = await a.GetRequiredService<IUnitsBaselineStore>().ReadAsync([hour, later], Ct);
        Assert.Equal([later], both.Where(r => r.Tenant == "t-new").Select(r => r.Hour));
    }

    private static async Task<long> RowsAsync(IServiceProvider instance, string table)
    {
        await using var db = await instance.GetRequiredService<IDbContextFactory<AppStoreDbContext>>().CreateDbContextAsync(Ct);
        return await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS Value FROM " + table).SingleAsync(Ct);
    }

    private static AlertCondition Spike(IReadOnlyList<AlertCondition> conditions) =>
        Assert.Single(conditions, c => c.Rule == AlertRuleKind.UnitsSpike && c.Tenant == "acme");

    private static string RulesWith(int surfacedAbove)
    {
        var rules = AlertRuleSettings.From(new AlertsOptions());
        rules.Throttling.SurfacedAbove = surfacedAbove;
        return rules.ToJson();
    }

    /// <summary>A save's outcome: the stored rules, or the exception it threw.</summary>
    private static async Task<object> TrySaveAsync(IAlertRulesStore store, string json, long expected, string by)
    {
        try { return await store.SaveAsync(json, expected, by, T0, Ct); }
        catch (ConflictException e) { return e; }
    }

    [Fact]
    public async Task Two_saves_of_the_rules_from_one_version_keep_one_and_refuse_the_other_as_a_conflict_and_every_instance_evaluates_the_kept_one()
    {
        var a = await InstanceAsync(TimeProvider.System, "a");
        var b = await InstanceAsync(TimeProvider.System, "b");
        var (storeA, storeB) = (a.GetRequiredService<IAlertRulesStore>(), b.GetRequiredService<IAlertRulesStore>());
        Assert.Null(await storeA.LoadAsync(Ct));
        Assert.Equal(10, (await b.GetRequiredService<AlertRules>().CurrentAsync(Ct)).Throttling.SurfacedAbove); // configuration's

        // The first save ever, from two instances at once (both read "nothing stored"): the primary key keeps one.
        var first = await Task.WhenAll(TrySaveAsync(storeA, RulesWith(100), 0, "a@example.com"), TrySaveAsync(storeB, RulesWith(200), 0, "b@example.com"));
        var kept = Assert.Single(first.OfType<StoredAlertRules>());
        Assert.IsType<ConflictException>(Assert.Single(first, r => r is not StoredAlertRules));
        Assert.Equal(1, kept.Version);

        // Two edits from version 1 at once: the version check in the update keeps one, the other changes nothing.
        var second = await Task.WhenAll(TrySaveAsync(storeA, RulesWith(300), 1, "a@example.com"), TrySaveAsync(storeB, RulesWith(400), 1, "b@example.com"));
        var winner = Assert.Single(second.OfType<StoredAlertRules>());
        var conflict = Assert.IsType<ConflictException>(Assert.Single(second, r => r is not StoredAlertRules));
        Assert.Equal(1, conflict.ExpectedVersion);
        var stored = (await storeA.LoadAsync(Ct))!;
        Assert.Equal((2L, winner.Json, winner.UpdatedBy), (stored.Version, stored.Json, stored.UpdatedBy));
        await Assert.ThrowsAsync<ConflictException>(() => storeB.SaveAsync(RulesWith(500), 1, "late@example.com", T0, Ct));

        // Both instances' evaluation reads the kept edit at its next round.
        var expected = winner.UpdatedBy == "a@example.com" ? 300 : 400;
        Assert.Equal(expected, (await a.GetRequiredService<AlertRules>().CurrentAsync(Ct)).Throttling.SurfacedAbove);
        Assert.Equal(expected, (await b.GetRequiredService<AlertRules>().CurrentAsync(Ct)).Throttling.SurfacedAbove);
        Assert.Equal(15, (await b.GetRequiredService<AlertRules>().CurrentAsync(Ct)).EvaluateEverySeconds); // still configuration's
    }
}


public sealed class SqliteAlertStoreTests : AlertStoreContract
{
    protected override bool MySql => false;

    protected override Task<Dictionary<string, string?>> NewStoreAsync(string folder) =>
        Task.FromResult(new Dictionary<string, string?> { ["AppStore:ConnectionString"] = $"Data Source={Path.Combine(folder, "dashboard.db")}" });
}

[Trait("Backend", "PlanetScale")]
public sealed class MariaDbAlertStoreTests(MariaDbForAppStore maria) : AlertStoreContract, IClassFixture<MariaDbForAppStore>
{
    protected override bool MySql => true;

    protected override Task<Dictionary<string, string?>> NewStoreAsync(string folder) => Task.FromResult(new Dictionary<string, string?>
    {
        ["AppStore:Provider"] = "MySql",
        ["AppStore:ConnectionString"] = maria.Server.ConnectionString(database: "dashboard_" + Guid.NewGuid().ToString("N")[..12]),
    });
}
