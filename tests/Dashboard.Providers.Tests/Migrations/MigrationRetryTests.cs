using System.Text.Json;
using Dashboard.Core.Domain;
using Dashboard.Core.Migrations;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.Operations.Migrations;
using Dashboard.Providers.DynamoDb;
using Dashboard.Providers.Tests.Fixtures;

namespace Dashboard.Providers.Tests.Migrations;

/// <summary>
/// A bulk write the target did not answer in time is written again a few times with backoff before the run stops,
/// each retry announced in the run's progress; a write whose answer was lost after it landed is no duplicate when
/// repeated, and DynamoDB's status counters end exact even when the lost batch lands only later.
/// </summary>
[Collection(MigrationCollection.Name)]
[Trait("Backend", "All")]
public sealed class MigrationRetryTests(AllBackendsFixture backends)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The world's migrator with short retry waits, so the tests do not sleep for the default backoff.</summary>
    private TenantMigrator Migrator(MigrationWorld world, int retries = 5)
    {
        var o = world.Options;
        var options = new MigrationOptions
        {
            PageSize = o.PageSize, BatchSize = o.BatchSize, Lease = o.Lease, FeedSettle = o.FeedSettle,
            UnavailableRetries = retries, UnavailableBackoff = TimeSpan.FromMilliseconds(50),
        };
        return new TenantMigrator(backends.AppStore.Checkpoints, backends.AppStore.Leases, backends.AppStore.Audit, TimeProvider.System, options);
    }

    [Theory]
    [InlineData(AllBackendsFixture.Sqlite, AllBackendsFixture.PlanetScale)]
    [InlineData(AllBackendsFixture.PlanetScale, AllBackendsFixture.DynamoDb)]
    [InlineData(AllBackendsFixture.DynamoDb, AllBackendsFixture.Fauna)]
    [InlineData(AllBackendsFixture.Fauna, AllBackendsFixture.Sqlite)]
    public async Task A_bulk_write_whose_answer_was_lost_after_it_landed_is_written_again_and_the_run_ends_clean(string from, string to)
    {
        var world = await MigrationWorld.StartAsync(backends, from, to, Ct);
        // The users' load, then the first orders' load: that one lands and its answer is lost.
        var target = new UnansweredBulkLoads(world.Target, first: 2, count: 1, landed: true);
        var notes = new MigrationNotes();

        var result = await Migrator(world).RunAsync(world.Request() with { TargetStore = target }, notes, null, Ct);

        Assert.Equal(1, target.Unanswered);
        Assert.True(result.Verification.Clean, string.Join("\n", result.Verification.Differences));
        Assert.Equal(1, result.UnavailableRetries);
        var retry = Assert.Single(notes.Retries);
        Assert.Equal("orders", retry.Phase);
        Assert.StartsWith("retry 1 of 5 in ", retry.Message);
        Assert.Contains("no answer in time", retry.Message);
        // Ids kept and inserts only where missing: the repeated load made no duplicate.
        await world.AssertTargetEqualsSourceAsync(Ct);
        Assert.Equal(1, (await AuditedStepAsync(world, "copy")).GetProperty("retries").GetInt64());
    }

    [Fact]
    public async Task A_target_that_stays_unavailable_stops_the_run_after_its_retries_and_a_resume_finishes_it()
    {
        var world = await MigrationWorld.StartAsync(backends, AllBackendsFixture.Sqlite, AllBackendsFixture.PlanetScale, Ct);
        var target = new UnansweredBulkLoads(world.Target, first: 2, count: int.MaxValue, landed: false);
        var notes = new MigrationNotes();

        var stopped = await Assert.ThrowsAsync<MigrationException>(() => Migrator(world, retries: 2).RunAsync(world.Request() with { TargetStore = target }, notes, null, Ct));

        Assert.Contains("no answer in time (still after 2 retries); run again with --resume", stopped.Message);
        Assert.Equal(3, target.Unanswered);
        Assert.Equal(["retry 1 of 2", "retry 2 of 2"], notes.Retries.Select(n => n.Message[..12]));
        var checkpoint = await backends.AppStore.Checkpoints.GetAsync(world.Tenant.Id, Ct);
        Assert.Equal(MigrationPhase.Orders, checkpoint!.Phase);
        Assert.Equal(stopped.Message, (await AuditedStepAsync(world, "failed")).GetProperty("error").GetString());

        var resumed = await Migrator(world).RunAsync(world.Request(resume: true), null, null, Ct);

        Assert.True(resumed.Verification.Clean, string.Join("\n", resumed.Verification.Differences));
        await world.AssertTargetEqualsSourceAsync(Ct);
    }

    [Fact]
    public async Task A_DynamoDB_batch_write_that_got_no_answer_in_time_and_landed_later_is_repeated_and_the_status_counters_end_exact()
    {
        var world = await MigrationWorld.StartAsync(backends, AllBackendsFixture.PlanetScale, AllBackendsFixture.DynamoDb, Ct);
        var late = new DynamoDbUnansweredBatchWrite(DynamoDbUnansweredBatchWrite.Landing.Late);
        using var target = new DynamoDbDataStore(world.TargetTenant, DynamoDbSettings.From(world.TargetTenant), clock: null, transport: () => late);
        // The lost batch lands while the run waits to repeat it: after the failed load's repair read, before the retry's.
        var notes = new MigrationNotes { OnRetry = () => late.DeliverLateAsync(Ct).GetAwaiter().GetResult() };
        var hooks = new MigrationHooks
        {
            AfterUsersCopied = _ =>
            {
                late.Arm();
                return Task.CompletedTask;
            },
        };

        var result = await Migrator(world).RunAsync(world.Request() with { TargetStore = target }, notes, hooks, Ct);

        Assert.True(late.Happened, "no batch write went unanswered");
        Assert.True(result.Verification.Clean, string.Join("\n", result.Verification.Differences));
        Assert.Contains("no answer in time", Assert.Single(notes.Retries).Message);
        Assert.Equal(1, result.UnavailableRetries);
        Assert.Contains(notes.All, n => n.Message == "recounting the target's order counters by status");
        await world.AssertTargetEqualsSourceAsync(Ct);
        // The maintained counters, exactly: per status what the target lists, which is what the source holds.
        var counts = await world.Target.CountOrdersByStatusAsync(Ct);
        var sourceOrders = await MigrationWorld.OrdersAsync(world.Source, Ct);
        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            var listed = 0;
            await foreach (var page in ListingPages.AllAsync((p, ct) => world.Target.ListTenantOrdersAsync(new OrderQuery(status), p, ct), 100, Ct))
                listed += page.Items.Count;
            Assert.Equal(sourceOrders.Count(o => o.Status == status), listed);
            Assert.Equal(listed, counts.ByStatus.GetValueOrDefault(status));
        }
        Assert.True((await AuditedStepAsync(world, "catch-up")).GetProperty("countersRecounted").GetBoolean());
    }

    private static async Task<JsonElement> AuditedStepAsync(MigrationWorld world, string step)
    {
        var audited = await world.Audit.QueryAsync(new Core.Audit.AuditQuery(Tenant: world.Tenant.Id, Entity: "Migration"), Ct);
        return audited.Entries.Select(e => JsonDocument.Parse(e.After!).RootElement)
            .Single(e => e.GetProperty("step").GetString() == step)
            .GetProperty("details");
    }
}
