using System.Collections.Concurrent;
using System.Text.Json;
using Dashboard.Core.Audit;
using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Migrations;
using Dashboard.Operations.Migrations;

namespace Dashboard.Providers.Tests.Migrations;

/// <summary>
/// Cut-over and roll-back on real backends: writes racing the switch to read-only are carried over or refused,
/// never acknowledged and lost; a failed verification switches nothing; a roll-back carries back what changed since.
/// </summary>
[Collection(MigrationCollection.Name)]
[Trait("Backend", "All")]
public sealed class MigrationCutOverTests(AllBackendsFixture backends)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(AllBackendsFixture.Sqlite, AllBackendsFixture.PlanetScale)]
    [InlineData(AllBackendsFixture.DynamoDb, AllBackendsFixture.Fauna)]
    [InlineData(AllBackendsFixture.PlanetScale, AllBackendsFixture.DynamoDb)]
    [InlineData(AllBackendsFixture.Fauna, AllBackendsFixture.Sqlite)]
    public async Task A_write_racing_the_cut_over_is_carried_over_or_refused(string from, string to)
    {
        var world = await MigrationWorld.StartAsync(backends, from, to, Ct);
        Assert.True((await world.Migrator.RunAsync(world.Request(), null, null, Ct)).Verification.Clean);
        var rig = await CutOverRig.StartAsync(backends, world, Ct);
        var service = rig.SourceService();
        var owner = (await MigrationWorld.UsersAsync(world.Source, Ct))[0];
        var created = new ConcurrentBag<Order>();
        var lastRename = owner;
        var refused = 0;
        using var stop = new CancellationTokenSource();

        // Writers that keep going through the whole cut-over: orders created, and one user renamed over and over.
        async Task CreateOrdersAsync()
        {
            while (!stop.IsCancellationRequested)
                try
                {
                    created.Add(await service.CreateOrderAsync(new NewOrder(owner.Id, "EUR", [new("SKU-R", "Race item", 1, 2m)]), Ct));
                }
                catch (TenantReadOnlyException)
                {
                    Interlocked.Increment(ref refused);
                    await Task.Delay(5, Ct);
                }
        }
        async Task RenameAsync()
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
                try
                {
                    lastRename = await service.UpdateUserAsync(owner.Id, lastRename.Version, new UserChanges(owner.Email, $"Racer {n}", owner.AvatarUrl), Ct);
                }
                catch (TenantReadOnlyException)
                {
                    Interlocked.Increment(ref refused);
                    await Task.Delay(5, Ct);
                }
        }
        var writers = Enumerable.Range(0, 3).Select(_ => Task.Run(CreateOrdersAsync, Ct)).Append(Task.Run(RenameAsync, Ct)).ToList();
        while (created.Count < 3) await Task.Delay(10, Ct);
        var acknowledgedWhenClosed = -1;
        var hooks = new MigrationHooks { AfterReadOnly = _ => { acknowledgedWhenClosed = created.Count; return Task.CompletedTask; } };

        var result = await rig.CutOver.CutOverAsync(rig.Request(), hooks, Ct);
        await Task.Delay(200, Ct); // the writers meet the switched tenant too
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.True(result.Verification.Clean, string.Join("\n", result.Verification.Differences));
        Assert.True(refused > 0, "no write met the read-only tenant: the race was not run");
        // Nothing is acknowledged once the gate is closed: every acknowledged write was on the source for the final catch-up.
        Assert.Equal(acknowledgedWhenClosed, created.Count);
        foreach (var order in created) Assert.Equal(order, await world.Target.GetOrderAsync(order.Id, Ct));
        Assert.Equal(lastRename, await world.Target.GetUserAsync(owner.Id, Ct));
        await world.AssertTargetEqualsSourceAsync(Ct);

        var now = rig.Registry.Get(world.Tenant.Id);
        Assert.Equal(world.TargetTenant.ProviderKind, now.ProviderKind);
        Assert.Equal(world.TargetTenant.Settings, now.Settings);
        Assert.NotNull(now.BackendOverride);
        Assert.Null(now.ReadOnlyReason);
        // A page opened before the move still holds a store for the source: its writes are refused, not written there.
        var stale = await Assert.ThrowsAsync<TenantReadOnlyException>(() => service.CreateOrderAsync(new NewOrder(owner.Id, "EUR", [new("SKU-S", "Stale", 1, 1m)]), Ct));
        Assert.Contains("another backend", stale.Message);
        Assert.Equal(MigrationPhase.CutOver, (await backends.AppStore.Checkpoints.GetAsync(world.Tenant.Id, Ct))!.Phase);
        Assert.Equal(["cut-over: read-only", "cut-over: final catch-up", "cut-over: verify", "cut-over: switched"], await StepsAsync(world, "cut-over"));
    }

    [Fact]
    public async Task A_failed_verification_switches_nothing_and_the_tenant_is_writable_again()
    {
        var world = await MigrationWorld.StartAsync(backends, AllBackendsFixture.PlanetScale, AllBackendsFixture.Sqlite, Ct);
        Assert.True((await world.Migrator.RunAsync(world.Request(), null, null, Ct)).Verification.Clean);
        var rig = await CutOverRig.StartAsync(backends, world, Ct);
        // Behind the migration's back: a user only on the target, which catch-up (source to target) never removes.
        var some = (await MigrationWorld.UsersAsync(world.Target, Ct))[0];
        await world.Target.BulkLoadAsync([new User("01J" + new string('Y', 23), "stray@example.com", "Stray", null, some.CreatedAt, some.CreatedAt, 1)], [], Ct);

        var error = await Assert.ThrowsAsync<MigrationException>(() => rig.CutOver.CutOverAsync(rig.Request(), null, Ct));

        Assert.Contains("nothing was switched", error.Message);
        Assert.Contains("on the target only", error.Message);
        var now = rig.Registry.Get(world.Tenant.Id);
        Assert.Equal(world.Tenant.ProviderKind, now.ProviderKind);
        Assert.Null(now.BackendOverride);
        Assert.Null(now.ReadOnlyReason);
        Assert.Null((await rig.RegistryStore.FindAsync(world.Tenant.Id, Ct))!.ReadOnlyReason);
        // Writable again, on the source.
        var written = await rig.SourceService().CreateUserAsync(new NewUser("after@example.com", "After"), Ct);
        Assert.NotNull(await world.Source.GetUserAsync(written.Id, Ct));
        Assert.Equal(["cut-over: read-only", "cut-over: final catch-up", "cut-over: verify", "cut-over: not switched"], await StepsAsync(world, "cut-over"));
    }

    [Fact]
    public async Task A_roll_back_carries_back_what_changed_since_the_cut_over()
    {
        var world = await MigrationWorld.StartAsync(backends, AllBackendsFixture.Sqlite, AllBackendsFixture.DynamoDb, Ct);
        Assert.True((await world.Migrator.RunAsync(world.Request(), null, null, Ct)).Verification.Clean);
        var rig = await CutOverRig.StartAsync(backends, world, Ct);
        await rig.CutOver.CutOverAsync(rig.Request(), null, Ct);
        // On the new backend, as the app now writes.
        var moved = rig.Registry.Get(world.Tenant.Id);
        var gatedTarget = new Core.Migrations.GatedDataStore(world.Target, moved, rig.Gate);
        var onTarget = new Core.Stores.TenantStore(moved, gatedTarget, TimeProvider.System, new Core.Domain.UlidGenerator());
        var user = await onTarget.CreateUserAsync(new NewUser("moved@example.com", "Made After The Move"), Ct);

        var result = await rig.CutOver.RollBackAsync(rig.RollBackRequest(gatedTarget), null, Ct);

        Assert.True(result.Verification.Clean, string.Join("\n", result.Verification.Differences));
        Assert.Equal(user, await world.Source.GetUserAsync(user.Id, Ct));
        var back = rig.Registry.Get(world.Tenant.Id);
        Assert.Equal(world.Tenant.ProviderKind, back.ProviderKind);
        Assert.Null(back.BackendOverride);
        Assert.Equal(MigrationPhase.RolledBack, (await backends.AppStore.Checkpoints.GetAsync(world.Tenant.Id, Ct))!.Phase);
        var again = await Assert.ThrowsAsync<MigrationException>(() => rig.CutOver.RollBackAsync(rig.RollBackRequest(gatedTarget), null, Ct));
        Assert.Contains("nothing to roll back", again.Message);
    }

    private static async Task<List<string?>> StepsAsync(MigrationWorld world, string prefix)
    {
        var audited = await world.Audit.QueryAsync(new AuditQuery(Tenant: world.Tenant.Id, Entity: "Migration"), Ct);
        return audited.Entries.OrderBy(e => e.Id).Select(e => JsonDocument.Parse(e.After!).RootElement.GetProperty("step").GetString())
            .Where(s => s!.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }

}
