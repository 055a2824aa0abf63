using Dashboard.Core.Domain;
using Dashboard.Operations.Migrations;

namespace Dashboard.Providers.Tests.Migrations;

/// <summary>
/// Catch-up from the source's change feed falls back to the version scan whenever the feed can no longer vouch
/// for every write: lost mid-copy (its cursor refused on resume), or a run resumed after a stop. The writes made
/// during the copy still reach the target, and the result and audit say which path carried them.
/// </summary>
[Collection(MigrationCollection.Name)]
[Trait("Backend", "All")]
public sealed class MigrationFeedTests(AllBackendsFixture backends)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(AllBackendsFixture.DynamoDb, AllBackendsFixture.Sqlite)]
    [InlineData(AllBackendsFixture.Fauna, AllBackendsFixture.PlanetScale)]
    public async Task A_feed_lost_mid_copy_hands_catch_up_to_the_version_scan(string from, string to)
    {
        var world = await MigrationWorld.StartAsync(backends, from, to, Ct);
        var cut = new CutFeedDataStore(world.Source);
        User? renamed = null;
        Order? added = null;
        var hooks = new MigrationHooks
        {
            AfterUsersCopied = async ct =>
            {
                var first = (await MigrationWorld.UsersAsync(world.Source, ct))[0];
                renamed = await world.SourceStore.UpdateUserAsync(first.Id, first.Version, new UserChanges(first.Email, "Renamed Before The Cut", first.AvatarUrl), ct);
            },
            AfterPage = async (checkpoint, ct) =>
            {
                if (checkpoint.OrdersCopied == 0 || added is not null) return;
                // Written once the feed has broken (the rename was its last change): only the scan can find it.
                await WaitUntilAsync(() => cut.Cut, ct);
                added = await world.SourceStore.CreateOrderAsync(new NewOrder(renamed!.Id, "EUR", [new("SKU-F1", "After the cut", 1, 9m)]), ct);
            },
        };

        var result = await world.Migrator.RunAsync(world.Request() with { Source = cut }, null, hooks, Ct);

        Assert.True(cut.Cut);
        Assert.Equal(CatchUpPath.VersionScan, result.CatchUp!.Path);
        Assert.Contains("was lost", result.CatchUp.Reason);
        Assert.True(result.Verification.Clean, string.Join("\n", result.Verification.Differences));
        Assert.Equal(2, result.CaughtUp);
        Assert.Equal(added, await world.Target.GetOrderAsync(added!.Id, Ct));
        Assert.Equal(renamed, await world.Target.GetUserAsync(renamed!.Id, Ct));
        Assert.Equal("version scan", await CatchUpAuditedPathAsync(world));
    }

    [Fact]
    public async Task A_backend_without_a_tenant_wide_feed_is_caught_up_by_the_version_scan()
    {
        var world = await MigrationWorld.StartAsync(backends, AllBackendsFixture.Sqlite, AllBackendsFixture.DynamoDb, Ct);
        var hooks = new MigrationHooks
        {
            AfterUsersCopied = async ct =>
            {
                var first = (await MigrationWorld.UsersAsync(world.Source, ct))[0];
                await world.SourceStore.UpdateUserAsync(first.Id, first.Version, new UserChanges(first.Email, "Renamed On SQLite", first.AvatarUrl), ct);
            },
        };

        var result = await world.Migrator.RunAsync(world.Request(), null, hooks, Ct);

        Assert.Equal(new CatchUpRoute(CatchUpPath.VersionScan, "the source's backend has no change feed of every write"), result.CatchUp);
        Assert.Equal(1, result.CaughtUp);
        Assert.True(result.Verification.Clean, string.Join("\n", result.Verification.Differences));
    }

    internal static async Task<string?> CatchUpAuditedPathAsync(MigrationWorld world)
    {
        var audited = await world.Audit.QueryAsync(new Core.Audit.AuditQuery(Tenant: world.Tenant.Id, Entity: "Migration"), Ct);
        return audited.Entries.Select(e => System.Text.Json.JsonDocument.Parse(e.After!).RootElement)
            .Where(e => e.GetProperty("step").GetString() == "catch-up")
            .Select(e => e.GetProperty("details").GetProperty("path").GetString())
            .Single();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (!condition()) await Task.Delay(50, timeout.Token);
    }
}
