using Dashboard.Core.Domain;
using Dashboard.Operations.Migrations;

namespace Dashboard.Providers.Tests.Migrations;

/// <summary>
/// Every ordered pair of backends: a seeded tenant migrates with its ids, versions and timestamps, and the writes
/// made on the source while the copy runs (after the users phase, and after the first orders page) reach the
/// target through catch-up (from the source's change feed where it has one); verification then finds no difference.
/// </summary>
[Collection(MigrationCollection.Name)]
[Trait("Backend", "All")]
public sealed class MigrationPairTests(AllBackendsFixture backends)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Pairs()
    {
        var pairs = new TheoryData<string, string>();
        foreach (var from in AllBackendsFixture.Kinds)
        foreach (var to in AllBackendsFixture.Kinds.Where(k => k != from))
            pairs.Add(from, to);
        return pairs;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_tenant_migrates_with_its_changes_during_the_copy(string from, string to)
    {
        var world = await MigrationWorld.StartAsync(backends, from, to, Ct);
        var seeded = await MigrationWorld.OrdersAsync(world.Source, Ct);
        var store = world.SourceStore;
        User? renamed = null, newcomer = null;
        Order? early = null, late = null;
        var hooks = new MigrationHooks
        {
            // Users are all copied: a rename and a new user are changes the copy cannot see any more; a new order is
            // newest, so the orders phase copies it in its first page.
            AfterUsersCopied = async ct =>
            {
                var first = (await MigrationWorld.UsersAsync(world.Source, ct))[0];
                renamed = await store.UpdateUserAsync(first.Id, first.Version, new UserChanges(first.Email, "Renamed During Copy", first.AvatarUrl), ct);
                newcomer = await store.CreateUserAsync(new NewUser("newcomer@example.com", "Arrived During Copy"), ct);
                early = await store.CreateOrderAsync(new NewOrder(renamed.Id, "EUR", [new("SKU-M1", "Mid-copy item", 1, 5m)]), ct);
            },
            // The first orders page is on the target: the order it held is edited, and a newest order is placed
            // behind the copy's cursor.
            AfterPage = async (checkpoint, ct) =>
            {
                if (checkpoint.OrdersCopied == 0 || late is not null) return;
                early = await store.UpdateOrderAsync(early!.Id, early.Version, new OrderChanges(OrderStatus.Processing, [new("SKU-M1", "Mid-copy item", 3, 5m)]), ct);
                late = await store.CreateOrderAsync(new NewOrder(newcomer!.Id, "USD", [new("SKU-M2", "Late item", 2, 7.25m)]), ct);
            },
        };

        var result = await world.Migrator.RunAsync(world.Request(), null, hooks, Ct);

        Assert.True(result.Verification.Clean, string.Join("\n", result.Verification.Differences));
        Assert.Equal($"verified {MigrationWorld.SeededUsers + 1} users, {seeded.Count + 2} orders, 0 differences", result.Verification.Summary);
        // The rename, the new user, the edited order and the late order: exactly what the copy missed.
        Assert.Equal(4, result.CaughtUp);
        // A source with a feed of every write (DynamoDB's stream, Fauna's event stream) carried them from the feed;
        // SQL backends have none, and scanned.
        var viaFeed = from is AllBackendsFixture.DynamoDb or AllBackendsFixture.Fauna;
        Assert.Equal(viaFeed ? CatchUpPath.ChangeFeed : CatchUpPath.VersionScan, result.CatchUp!.Path);
        Assert.Equal(viaFeed ? "change feed" : "version scan", await MigrationFeedTests.CatchUpAuditedPathAsync(world));
        await world.AssertTargetEqualsSourceAsync(Ct);
        Assert.Equal(renamed, await world.Target.GetUserAsync(renamed!.Id, Ct));
        Assert.Equal(2, (await world.Target.GetUserAsync(renamed.Id, Ct))!.Version);
        Assert.Equal(early, await world.Target.GetOrderAsync(early!.Id, Ct));
        Assert.Equal(OrderStatus.Processing, (await world.Target.GetOrderAsync(early.Id, Ct))!.Status);
        Assert.Equal(late, await world.Target.GetOrderAsync(late!.Id, Ct));
    }
}
