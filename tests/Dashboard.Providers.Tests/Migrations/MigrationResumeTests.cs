using Dashboard.Core.Domain;
using Dashboard.Core.Migrations;
using Dashboard.Operations.Migrations;

namespace Dashboard.Providers.Tests.Migrations;

/// <summary>
/// A run stopped mid-copy continues from its checkpoint, and two runs of one tenant never proceed together.
/// </summary>
[Collection(MigrationCollection.Name)]
[Trait("Backend", "All")]
public sealed class MigrationResumeTests(AllBackendsFixture backends)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(AllBackendsFixture.Sqlite, AllBackendsFixture.Fauna)]
    [InlineData(AllBackendsFixture.DynamoDb, AllBackendsFixture.PlanetScale)]
    [InlineData(AllBackendsFixture.Fauna, AllBackendsFixture.DynamoDb)]
    [InlineData(AllBackendsFixture.PlanetScale, AllBackendsFixture.Sqlite)]
    public async Task A_run_cancelled_mid_copy_resumes_from_its_checkpoint_without_duplicates(string from, string to)
    {
        var world = await MigrationWorld.StartAsync(backends, from, to, Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var stopAfterFirstOrdersPage = new MigrationHooks
        {
            AfterPage = (checkpoint, _) =>
            {
                if (checkpoint.OrdersCopied > 0) cancel.Cancel();
                return Task.CompletedTask;
            },
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => world.Migrator.RunAsync(world.Request(), null, stopAfterFirstOrdersPage, cancel.Token));

        var stopped = await backends.AppStore.Checkpoints.GetAsync(world.Tenant.Id, Ct);
        Assert.NotNull(stopped);
        Assert.Equal(MigrationPhase.Orders, stopped.Phase);
        Assert.Equal((long)MigrationWorld.SeededUsers, stopped.UsersCopied);
        Assert.Equal(world.Options.BatchSize, stopped.OrdersCopied);
        Assert.NotNull(stopped.OrdersToken);
        // A run that does not say --resume is told about the stopped one rather than starting over.
        var notResumed = await Assert.ThrowsAsync<MigrationException>(() => world.Migrator.RunAsync(world.Request(), null, null, Ct));
        Assert.Contains("run again with --resume", notResumed.Message);
        // A page the stopped run wrote is written again by the resume only if the checkpoint missed it: edit one
        // copied order on the source meanwhile, so catch-up has to carry it too.
        var copied = (await MigrationWorld.OrdersAsync(world.Target, Ct)).First(o => o.Status == OrderStatus.Pending);
        var edited = await world.SourceStore.UpdateOrderAsync(copied.Id, copied.Version, new OrderChanges(OrderStatus.Cancelled, copied.Items), Ct);

        var resumed = await world.Migrator.RunAsync(world.Request(resume: true), null, null, Ct);

        Assert.True(resumed.Verification.Clean, string.Join("\n", resumed.Verification.Differences));
        Assert.Equal(1, resumed.CaughtUp);
        // What was written while the run was stopped is known to no feed: a resumed run scans.
        Assert.Equal(new CatchUpRoute(CatchUpPath.VersionScan, "a resumed run: the change feed's position from before the stop is not kept"), resumed.CatchUp);
        await world.AssertTargetEqualsSourceAsync(Ct);
        Assert.Equal(edited, await world.Target.GetOrderAsync(edited.Id, Ct));
        Assert.Equal(MigrationPhase.Done, (await backends.AppStore.Checkpoints.GetAsync(world.Tenant.Id, Ct))!.Phase);
        // Every step is in the audit log, oldest first: the stopped run, the refused restart, the resume.
        var audited = await backends.AppStore.Audit.QueryAsync(new Core.Audit.AuditQuery(Tenant: world.Tenant.Id, Entity: "Migration"), Ct);
        Assert.Equal(["plan", "cancelled", "failed", "resume", "copy", "catch-up", "verify"],
            audited.Entries.OrderBy(e => e.Id).Select(e => System.Text.Json.JsonDocument.Parse(e.After!).RootElement.GetProperty("step").GetString()));
        Assert.All(audited.Entries, e => Assert.Equal(Core.Audit.AuditAction.Migrate, e.Action));
    }

    [Fact]
    public async Task A_second_run_of_the_same_tenant_is_refused_while_the_first_holds_it()
    {
        var world = await MigrationWorld.StartAsync(backends, AllBackendsFixture.Sqlite, AllBackendsFixture.DynamoDb, Ct);
        MigrationRefusedException? refused = null;
        var hooks = new MigrationHooks
        {
            AfterUsersCopied = async ct =>
                refused = await Assert.ThrowsAsync<MigrationRefusedException>(() => world.Migrator.RunAsync(world.Request(resume: true), null, null, ct)),
        };

        var result = await world.Migrator.RunAsync(world.Request(), null, hooks, Ct);

        Assert.NotNull(refused);
        Assert.Contains($"tenant '{world.Tenant.Id}' is being migrated by another run", refused.Message);
        // The refused run changed nothing: the first ends clean, with every row once.
        Assert.True(result.Verification.Clean, string.Join("\n", result.Verification.Differences));
        await world.AssertTargetEqualsSourceAsync(Ct);
    }

    [Fact]
    public async Task A_resume_aimed_at_another_target_is_refused()
    {
        var world = await MigrationWorld.StartAsync(backends, AllBackendsFixture.Sqlite, AllBackendsFixture.PlanetScale, Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var stop = new MigrationHooks { AfterUsersCopied = _ => { cancel.Cancel(); return Task.CompletedTask; } };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => world.Migrator.RunAsync(world.Request(), null, stop, cancel.Token));
        var (other, otherStore) = await backends.NewTenantAsync(AllBackendsFixture.DynamoDb, Ct);

        var error = await Assert.ThrowsAsync<MigrationException>(() => world.Migrator.RunAsync(
            world.Request(resume: true) with { Target = new MigrationTarget(other.ProviderKind, other.Settings), TargetStore = otherStore }, null, null, Ct));

        Assert.Contains("went to another target", error.Message);
    }

    [Fact]
    public async Task A_run_whose_lease_another_run_took_over_stops_at_once_audited_and_leaves_the_checkpoint_alone()
    {
        var world = await MigrationWorld.StartAsync(backends, AllBackendsFixture.Sqlite, AllBackendsFixture.DynamoDb, Ct);
        // A short lease, so the keeper renews every second.
        var options = new MigrationOptions { PageSize = 25, BatchSize = 50, Lease = TimeSpan.FromSeconds(3), FeedSettle = TimeSpan.FromSeconds(1) };
        var migrator = new TenantMigrator(backends.AppStore.Checkpoints, backends.AppStore.Leases, backends.AppStore.Audit, TimeProvider.System, options);
        var leaseName = IMigrationCheckpoints.LeaseName(world.Tenant.Id);
        MigrationCheckpoint? atTakeOver = null;
        var hooks = new MigrationHooks
        {
            AfterUsersCopied = async ct =>
            {
                atTakeOver = await backends.AppStore.Checkpoints.GetAsync(world.Tenant.Id, ct);
                // Another run takes the lease as if this run's had lapsed (the store judges by the time it is told).
                Assert.True(await backends.AppStore.Leases.TryAcquireAsync(leaseName, "other-run", DateTimeOffset.UtcNow + options.Lease + TimeSpan.FromSeconds(1),
                    TimeSpan.FromMinutes(1), ct));
                // Long work: the next renewal, within a second, is refused and stops it.
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
            },
        };

        var started = DateTimeOffset.UtcNow;
        var stopped = await Assert.ThrowsAsync<MigrationException>(() => migrator.RunAsync(world.Request(), null, hooks, Ct));

        Assert.Equal($"stopped: another run took over the migration of '{world.Tenant.Id}' (this run's lease lapsed)", stopped.Message);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(25), "the run went on after losing its lease");
        Assert.NotNull(atTakeOver);
        Assert.Equal(atTakeOver, await backends.AppStore.Checkpoints.GetAsync(world.Tenant.Id, Ct));
        // The other run keeps it: the stopped run gave up nothing that was no longer its own.
        Assert.False(await backends.AppStore.Leases.TryAcquireAsync(leaseName, "third-run", DateTimeOffset.UtcNow, options.Lease, Ct));
        var audited = await backends.AppStore.Audit.QueryAsync(new Core.Audit.AuditQuery(Tenant: world.Tenant.Id, Entity: "Migration"), Ct);
        var steps = audited.Entries.OrderBy(e => e.Id).Select(e => System.Text.Json.JsonDocument.Parse(e.After!).RootElement).ToList();
        Assert.Equal(["plan", "failed"], steps.Select(s => s.GetProperty("step").GetString()));
        Assert.Equal(stopped.Message, steps[^1].GetProperty("details").GetProperty("error").GetString());
    }
}
