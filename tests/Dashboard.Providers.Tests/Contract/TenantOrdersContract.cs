using System.Collections.Concurrent;
using Dashboard.Core.Bulk;
using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Providers.Tests.Contract;

/// <summary>
/// The tenant-wide orders listing, its status counts and bulk status changes: the same answers on every
/// backend, whatever index, shards or counters serve them.
/// </summary>
public abstract partial class StoreContractTests<TFixture>
{
    private async Task<List<Order>> ListAllAsync(OrderQuery query, int size)
    {
        var all = new List<Order>();
        await foreach (var page in ListingPages.AllAsync((p, ct) => Store.ListTenantOrdersAsync(query, p, ct), size, Ct)) all.AddRange(page.Items);
        return all;
    }

    private Task<Order> MoveAsync(Order order, OrderStatus to) =>
        Store.UpdateOrderAsync(order.Id, order.Version, new OrderChanges(to, order.Items), Ct);

    [Fact]
    public async Task Orders_of_one_status_page_newest_first_with_no_duplicates_or_gaps_while_orders_come_and_go()
    {
        var ada = await NewUserAsync();
        var bob = await NewUserAsync();
        var pending = new List<Order>();
        for (var i = 0; i < 26; i++) pending.Add(await NewOrderAsync(i % 2 == 0 ? ada.Id : bob.Id));
        // Some leave Pending before the listing starts; they must not show.
        var moved = new List<Order>();
        foreach (var order in pending.Where((_, i) => i % 5 == 0).ToList())
        {
            moved.Add(await MoveAsync(order, OrderStatus.Processing));
            pending.Remove(order);
        }

        var seen = new List<Order>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.ListTenantOrdersAsync(new OrderQuery(OrderStatus.Pending), new(4, token), Ct);
            seen.AddRange(page.Items);
            token = page.ContinuationToken;
            pages++;
            // New orders arrive between page loads; they are newer than every page already read.
            await NewOrderAsync(ada.Id);
        } while (token is not null);

        Assert.True(pages >= 5, $"expected at least 5 pages, got {pages}");
        Assert.All(seen, o => Assert.Equal(OrderStatus.Pending, o.Status));
        Assert.Equal(seen.Count, seen.Select(o => o.Id).Distinct().Count());
        Assert.Equal(seen.Select(o => o.Id).OrderDescending(StringComparer.Ordinal), seen.Select(o => o.Id));
        // Every order that was Pending all along is there, exactly once; none of the moved ones is.
        Assert.Equal(pending.Select(o => o.Id).OrderDescending(StringComparer.Ordinal),
            seen.Select(o => o.Id).Where(id => pending.Any(p => p.Id == id)));
        Assert.DoesNotContain(seen, o => moved.Any(m => m.Id == o.Id));

        var processing = await ListAllAsync(new OrderQuery(OrderStatus.Processing), 3);
        Assert.Equal(moved.Select(o => o.Id).OrderDescending(StringComparer.Ordinal), processing.Select(o => o.Id));
        Assert.All(processing, o => Assert.Equal(2, o.Version));
    }

    [Fact]
    public async Task All_orders_page_newest_first_across_users_and_statuses()
    {
        var users = new[] { await NewUserAsync(), await NewUserAsync(), await NewUserAsync() };
        var created = new List<Order>();
        for (var i = 0; i < 17; i++) created.Add(await NewOrderAsync(users[i % 3].Id, Item(quantity: i + 1)));
        await MoveAsync(created[3], OrderStatus.Cancelled);

        var all = await ListAllAsync(OrderQuery.All, 5);

        Assert.Equal(created.Select(o => o.Id).OrderDescending(StringComparer.Ordinal), all.Select(o => o.Id));
        var cancelled = all.Single(o => o.Id == created[3].Id);
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Equal(4, all.Single(o => o.Id == created[3].Id).Items[0].Quantity);
    }

    [Fact]
    public async Task A_creation_window_lists_the_orders_of_those_utc_days_both_included()
    {
        var user = await NewUserAsync();
        var days = new[] { new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 2), new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 4) };
        var byDay = new Dictionary<DateOnly, List<string>>();
        foreach (var day in days)
        {
            byDay[day] = [];
            // First and last millisecond of the day, and noon: the edges belong to the day.
            foreach (var at in new[] { TimeOnly.MinValue, new TimeOnly(12, 0), TimeOnly.MaxValue })
            {
                var clock = new FixedClock(new DateTimeOffset(day.ToDateTime(at), TimeSpan.Zero));
                var store = new TenantStore(Tenant, Data, clock, new UlidGenerator());
                byDay[day].Add((await store.CreateOrderAsync(new NewOrder(user.Id, "EUR", [Item()]), Ct)).Id);
            }
        }

        var window = await ListAllAsync(new OrderQuery(null, days[1], days[2]), 2);
        var pendingWindow = await ListAllAsync(new OrderQuery(OrderStatus.Pending, days[1], days[1]), 2);
        var from = await ListAllAsync(new OrderQuery(OrderStatus.Pending, From: days[3]), 10);
        var to = await ListAllAsync(new OrderQuery(To: days[0]), 10);

        Assert.Equal(byDay[days[1]].Concat(byDay[days[2]]).OrderDescending(StringComparer.Ordinal), window.Select(o => o.Id));
        Assert.Equal(byDay[days[1]].OrderDescending(StringComparer.Ordinal), pendingWindow.Select(o => o.Id));
        Assert.Equal(byDay[days[3]].OrderDescending(StringComparer.Ordinal), from.Select(o => o.Id));
        Assert.Equal(byDay[days[0]].OrderDescending(StringComparer.Ordinal), to.Select(o => o.Id));
        await AssertInvalidAsync("to", () => Store.ListTenantOrdersAsync(new OrderQuery(null, days[2], days[1]), new(10), Ct));
    }

    [Fact]
    public async Task An_orders_page_token_continues_only_its_own_status_and_window()
    {
        var user = await NewUserAsync();
        for (var i = 0; i < 5; i++) await NewOrderAsync(user.Id);
        var first = await Store.ListTenantOrdersAsync(new OrderQuery(OrderStatus.Pending), new(2), Ct);
        Assert.NotNull(first.ContinuationToken);

        await AssertInvalidAsync("cursor", () => Store.ListTenantOrdersAsync(new OrderQuery(OrderStatus.Shipped), new(2, first.ContinuationToken), Ct));
        await AssertInvalidAsync("cursor", () => Store.ListTenantOrdersAsync(OrderQuery.All, new(2, first.ContinuationToken), Ct));
        await AssertInvalidAsync("cursor", () => Store.ListTenantOrdersAsync(
            new OrderQuery(OrderStatus.Pending, new DateOnly(2020, 1, 1)), new(2, first.ContinuationToken), Ct));
        await AssertInvalidAsync("cursor", () => Store.ListUsersAsync(UserQuery.All, new(2, first.ContinuationToken), Ct));
        await AssertInvalidAsync("cursor", () => Store.ListTenantOrdersAsync(new OrderQuery(OrderStatus.Pending), new(2, "not-a-token"), Ct));
        var second = await Store.ListTenantOrdersAsync(new OrderQuery(OrderStatus.Pending), new(2, first.ContinuationToken), Ct);
        Assert.Empty(first.Items.Select(o => o.Id).Intersect(second.Items.Select(o => o.Id)));
    }

    [Fact]
    public async Task Status_counts_are_labelled_approximate_and_follow_inserts_and_status_changes()
    {
        var user = await NewUserAsync();
        var orders = new List<Order>();
        for (var i = 0; i < 9; i++) orders.Add(await NewOrderAsync(user.Id));
        for (var i = 0; i < 3; i++) orders[i] = await MoveAsync(orders[i], OrderStatus.Processing);
        await MoveAsync(orders[0], OrderStatus.Shipped);

        var counts = await Store.CountOrdersByStatusAsync(Ct);

        Assert.True(counts.IsApproximate);
        Assert.False(string.IsNullOrWhiteSpace(counts.Source));
        // Counters are exact after single writes; statistics are estimates, but not wild ones on a small table.
        AssertNear(6, counts[OrderStatus.Pending]);
        AssertNear(2, counts[OrderStatus.Processing]);
        AssertNear(1, counts[OrderStatus.Shipped]);
        AssertNear(0, counts[OrderStatus.Delivered]);
        AssertNear(0, counts[OrderStatus.Cancelled]);
    }

    /// <summary>Within a factor of two (an optimizer never estimates an empty range below one row).</summary>
    private static void AssertNear(long actual, long estimate) =>
        Assert.True(estimate >= actual / 2 && estimate <= actual * 2 + 1, $"estimate {estimate} is far from {actual}");

    [Fact]
    public async Task A_bulk_change_racing_one_editor_loses_no_update_and_reports_the_conflict()
    {
        var user = await NewUserAsync();
        var orders = new List<Order>();
        for (var i = 0; i < 12; i++) orders.Add(await NewOrderAsync(user.Id, Item(quantity: 1)));
        orders.Add(await MoveAsync(await NewOrderAsync(user.Id), OrderStatus.Processing));
        var listed = await ListAllAsync(OrderQuery.All, 100);
        var contested = orders[5];

        // The editor keeps changing one order's items while the bulk change runs, each edit read-then-write.
        var editorDone = new CancellationTokenSource();
        var acknowledged = new ConcurrentBag<long>();
        var editor = Task.Run(async () =>
        {
            for (var quantity = 2; quantity < 40 && !editorDone.IsCancellationRequested; quantity++)
            {
                var current = await Store.GetOrderAsync(contested.Id, Ct);
                try
                {
                    var saved = await Store.UpdateOrderAsync(current.Id, current.Version, new OrderChanges(current.Status, [Item(quantity: quantity)]), Ct);
                    acknowledged.Add(saved.Version);
                }
                catch (ConflictException)
                {
                }
                catch (ValidationException)
                {
                    break; // the bulk change moved it first; items of a Processing order may still change, so this is rare
                }
            }
        }, Ct);
        await Task.Delay(20, Ct);
        var bulk = new BulkStatusChange(TimeProvider.System, NullLogger<BulkStatusChange>.Instance, new BulkOptions { Concurrency = 4 });
        var results = await bulk.RunAsync(Store, listed.Select(BulkTarget.Of).ToList(), OrderStatus.Processing, null, Ct);
        editorDone.Cancel();
        await editor;

        var byId = results.ToDictionary(r => r.Target.OrderId);
        Assert.Equal(BulkOutcome.IllegalTransition, byId[orders[^1].Id].Outcome);
        foreach (var order in orders.Take(12).Where(o => o.Id != contested.Id))
        {
            Assert.Equal(BulkOutcome.Updated, byId[order.Id].Outcome);
            Assert.Equal(OrderStatus.Processing, (await Store.GetOrderAsync(order.Id, Ct)).Status);
        }
        // The contested order: either the editor changed it after it was listed (conflict: the editor's version
        // stands) or the bulk change got there first. Either way every acknowledged write is in the version chain.
        var stored = await Store.GetOrderAsync(contested.Id, Ct);
        var bulkWon = byId[contested.Id].Outcome == BulkOutcome.Updated;
        Assert.Equal(1 + acknowledged.Count + (bulkWon ? 1 : 0), stored.Version);
        if (!bulkWon)
        {
            Assert.Equal(BulkOutcome.Conflict, byId[contested.Id].Outcome);
            Assert.Equal(OrderStatus.Pending, stored.Status);
            Assert.NotEmpty(acknowledged);
        }
        Assert.Equal(acknowledged.Count, acknowledged.Distinct().Count());
    }

    [Fact]
    public async Task A_bulk_change_after_an_edit_reports_that_order_as_a_conflict_and_keeps_the_edit()
    {
        var user = await NewUserAsync();
        var orders = new List<Order>();
        for (var i = 0; i < 3; i++) orders.Add(await NewOrderAsync(user.Id));
        var listed = (await ListAllAsync(new OrderQuery(OrderStatus.Pending), 10)).Select(BulkTarget.Of).ToList();
        var edited = await Store.UpdateOrderAsync(orders[1].Id, orders[1].Version, new OrderChanges(OrderStatus.Pending, [Item(quantity: 7)]), Ct);

        var bulk = new BulkStatusChange(TimeProvider.System, NullLogger<BulkStatusChange>.Instance);
        var results = await bulk.RunAsync(Store, listed, OrderStatus.Processing, null, Ct);

        Assert.Equal(BulkOutcome.Conflict, results.Single(r => r.Target.OrderId == orders[1].Id).Outcome);
        Assert.Equal(2, results.Count(r => r.Outcome == BulkOutcome.Updated));
        Assert.Equal(edited, await Store.GetOrderAsync(orders[1].Id, Ct));
        var counts = await Store.CountOrdersByStatusAsync(Ct);
        AssertNear(1, counts[OrderStatus.Pending]);
        AssertNear(2, counts[OrderStatus.Processing]);
    }
}
