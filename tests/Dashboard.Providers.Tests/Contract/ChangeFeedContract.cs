using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Stores;

namespace Dashboard.Providers.Tests.Contract;

/// <summary>
/// The change feed (<see cref="IChangeFeed"/>): a change made through another store instance of the tenant arrives,
/// in commit order, and a feed dropped and watched again from its last cursor neither repeats nor misses a change.
/// </summary>
public abstract partial class StoreContractTests<TFixture>
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    private IChangeFeed Feed => DataStoreCapabilities.Find<IChangeFeed>(Data)
                                ?? throw new InvalidOperationException("the backend store offers no change feed");

    /// <summary>A second store instance over the same tenant: the other writer.</summary>
    private ITenantStore OtherWriter() =>
        new TenantStore(Tenant, Fixture.OpenStore(Tenant), TimeProvider.System, new UlidGenerator());

    /// <summary>
    /// Writes until the feed reports one of the writes: a feed started "from now" is live from some moment
    /// shortly after it was asked for, and from then on every change must arrive.
    /// </summary>
    private static async Task<DataChange> LiveAsync(FeedReader reader, Func<Task> write)
    {
        var deadline = DateTime.UtcNow + Arrival;
        while (DateTime.UtcNow < deadline)
        {
            await write();
            if (await reader.NextAsync(TimeSpan.FromMilliseconds(1500)) is { } first)
            {
                // Drain what earlier writes may still bring, so the next change read is the test's own.
                var last = first;
                while (await reader.NextAsync(TimeSpan.FromMilliseconds(1500)) is { } more) last = more;
                return last;
            }
        }
        throw new TimeoutException("the feed reported none of the writes");
    }

    [Fact]
    public async Task Feed_an_order_updated_through_another_store_instance_arrives_with_its_new_version()
    {
        var user = await NewUserAsync();
        var order = await NewOrderAsync(user.Id);
        var other = OtherWriter();
        await using var reader = new FeedReader(Feed, WatchTarget.OrderOf(order.Id), null);

        await LiveAsync(reader, async () =>
        {
            var now = await other.GetOrderAsync(order.Id, Ct);
            await other.UpdateOrderAsync(order.Id, now.Version, new OrderChanges(now.Status, [Item("WARM", now.Items[0].Quantity % 50 + 1)]), Ct);
        });
        var current = await other.GetOrderAsync(order.Id, Ct);
        var moved = await other.UpdateOrderAsync(order.Id, current.Version, new OrderChanges(OrderStatus.Processing, current.Items), Ct);

        var change = await reader.NextAsync(Arrival);
        Assert.NotNull(change);
        Assert.Equal((order.Id, moved.Version), (change.EntityId, change.Version));
        Assert.Equal(WatchTarget.OrderOf(order.Id), change.Target);
    }

    [Fact]
    public async Task Feed_says_when_it_has_its_position_and_a_change_committed_right_after_arrives()
    {
        var user = await NewUserAsync();
        var order = await NewOrderAsync(user.Id);
        await using var reader = new FeedReader(Feed, WatchTarget.OrderOf(order.Id), null);

        // No warm-up writes: what a page relies on to miss nothing after its load is exactly this signal.
        await reader.Positioned.WaitAsync(Arrival, Ct);
        var moved = await OtherWriter().UpdateOrderAsync(order.Id, order.Version, new OrderChanges(OrderStatus.Processing, order.Items), Ct);

        var change = await reader.NextAsync(Arrival);
        Assert.NotNull(change);
        Assert.Equal((order.Id, moved.Version), (change.EntityId, change.Version));
    }

    [Fact]
    public async Task Feed_resumed_from_a_cursor_has_its_position_at_once()
    {
        var user = await NewUserAsync();
        var order = await NewOrderAsync(user.Id);
        var other = OtherWriter();
        DataChange first;
        await using (var reader = new FeedReader(Feed, WatchTarget.OrderOf(order.Id), null))
        {
            await reader.Positioned.WaitAsync(Arrival, Ct);
            await other.UpdateOrderAsync(order.Id, order.Version, new OrderChanges(OrderStatus.Processing, order.Items), Ct);
            first = await reader.NextAsync(Arrival) ?? throw new TimeoutException("the first change did not arrive");
        }

        await using var resumed = new FeedReader(Feed, WatchTarget.OrderOf(order.Id), first.Cursor);
        await resumed.Positioned.WaitAsync(Arrival, Ct);
        var now = await other.GetOrderAsync(order.Id, Ct);
        var moved = await other.UpdateOrderAsync(order.Id, now.Version, new OrderChanges(OrderStatus.Shipped, now.Items), Ct);
        var change = await resumed.NextAsync(Arrival);
        Assert.Equal(moved.Version, change?.Version);
    }

    [Fact]
    public async Task Feed_a_user_updated_through_another_store_instance_arrives()
    {
        var user = await NewUserAsync();
        var other = OtherWriter();
        await using var reader = new FeedReader(Feed, WatchTarget.UserOf(user.Id), null);
        var n = 0;

        await LiveAsync(reader, async () =>
        {
            var now = await other.GetUserAsync(user.Id, Ct);
            await other.UpdateUserAsync(user.Id, now.Version, new UserChanges(now.Email, $"Warm {++n}"), Ct);
        });
        var current = await other.GetUserAsync(user.Id, Ct);
        var renamed = await other.UpdateUserAsync(user.Id, current.Version, new UserChanges(current.Email, "Renamed Elsewhere"), Ct);

        var change = await reader.NextAsync(Arrival);
        Assert.NotNull(change);
        Assert.Equal((user.Id, renamed.Version), (change.EntityId, change.Version));
    }

    [Fact]
    public async Task Feed_new_orders_of_a_user_arrive_once_each_in_creation_order()
    {
        var user = await NewUserAsync();
        var stranger = await NewUserAsync();
        var other = OtherWriter();
        await using var reader = new FeedReader(Feed, WatchTarget.OrdersOf(user.Id), null);
        await LiveAsync(reader, () => other.CreateOrderAsync(new NewOrder(user.Id, "USD", [Item()]), Ct));

        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await other.CreateOrderAsync(new NewOrder(user.Id, "USD", [Item($"N{i}")]), Ct)).Id);
            await other.CreateOrderAsync(new NewOrder(stranger.Id, "USD", [Item()]), Ct);
        }

        Assert.Equal(created, await TakeAsync(reader, created.Count));
        Assert.Null(await reader.NextAsync(Quiet));
    }

    [Fact]
    public async Task Feed_entity_versions_only_move_forward()
    {
        var user = await NewUserAsync();
        var order = await NewOrderAsync(user.Id);
        var other = OtherWriter();
        await using var reader = new FeedReader(Feed, WatchTarget.OrderOf(order.Id), null);
        var warm = await LiveAsync(reader, async () =>
        {
            var now = await other.GetOrderAsync(order.Id, Ct);
            await other.UpdateOrderAsync(order.Id, now.Version, new OrderChanges(now.Status, [Item("WARM", now.Items[0].Quantity % 50 + 1)]), Ct);
        });

        var last = await other.GetOrderAsync(order.Id, Ct);
        for (var i = 1; i <= 4; i++)
            last = await other.UpdateOrderAsync(order.Id, last.Version, new OrderChanges(last.Status, [Item("Q", i)]), Ct);

        // Quick updates may fold into fewer changes (polling backends), but versions never go back or repeat.
        var versions = new List<long> { warm.Version };
        while (versions[^1] < last.Version && await reader.NextAsync(Arrival) is { } change) versions.Add(change.Version);
        Assert.Equal(last.Version, versions[^1]);
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public async Task Feed_dropped_and_resumed_from_its_cursor_misses_and_repeats_nothing()
    {
        var user = await NewUserAsync();
        var other = OtherWriter();
        var reader = new FeedReader(Feed, WatchTarget.TenantOrders, null);
        var cursor = (await LiveAsync(reader, () => other.CreateOrderAsync(new NewOrder(user.Id, "USD", [Item()]), Ct))).Cursor;

        var before = new List<string>();
        for (var i = 0; i < 3; i++) before.Add((await other.CreateOrderAsync(new NewOrder(user.Id, "USD", [Item($"B{i}")]), Ct)).Id);
        var firstPart = await TakeChangesAsync(reader, before.Count);
        Assert.Equal(before, firstPart.Select(c => c.EntityId));
        cursor = firstPart[^1].Cursor;
        await reader.DisposeAsync(); // the drop

        var whileDown = new List<string>();
        for (var i = 0; i < 3; i++) whileDown.Add((await other.CreateOrderAsync(new NewOrder(user.Id, "USD", [Item($"D{i}")]), Ct)).Id);

        await using var resumed = new FeedReader(Feed, WatchTarget.TenantOrders, cursor);
        var after = (await other.CreateOrderAsync(new NewOrder(user.Id, "USD", [Item("A")]), Ct)).Id;

        Assert.Equal([.. whileDown, after], await TakeAsync(resumed, whileDown.Count + 1));
        Assert.Null(await resumed.NextAsync(Quiet));
    }

    private static async Task<List<DataChange>> TakeChangesAsync(FeedReader reader, int count)
    {
        var seen = new List<DataChange>();
        while (seen.Count < count)
            seen.Add(await reader.NextAsync(Arrival) ?? throw new TimeoutException($"only {seen.Count} of {count} changes arrived"));
        return seen;
    }

    private static async Task<List<string>> TakeAsync(FeedReader reader, int count) =>
        (await TakeChangesAsync(reader, count)).Select(c => c.EntityId).ToList();
}
