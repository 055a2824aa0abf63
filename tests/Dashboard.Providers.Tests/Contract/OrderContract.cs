using Dashboard.Core.Domain;
using Dashboard.Core.Errors;

namespace Dashboard.Providers.Tests.Contract;

public abstract partial class StoreContractTests<TFixture>
{
    [Fact]
    public async Task A_new_order_is_pending_with_the_total_computed_exactly()
    {
        var user = await NewUserAsync();

        var order = await Store.CreateOrderAsync(new NewOrder(user.Id, "eur",
            [Item("A", 3, 19.99m), Item("B", 1, 0.10m), Item("C", 2, 0.20m)]), Ct);

        var read = await Store.GetOrderAsync(order.Id, Ct);
        Assert.Equal(60.47m, read.Total);
        Assert.Equal((OrderStatus.Pending, "EUR", 1L, user.Id), (read.Status, read.Currency, read.Version, read.UserId));
        Assert.Equal(["A", "B", "C"], read.Items.Select(i => i.ProductId));
        Assert.Equal(order.Items, read.Items);
        Assert.Equal(order.CreatedAt, read.CreatedAt);
    }

    [Fact]
    public async Task An_order_for_an_unknown_user_is_refused_and_nothing_is_stored()
    {
        var user = await NewUserAsync();

        await AssertInvalidAsync("userId", () => NewOrderAsync("01ARZ3NDEKTSV4RRFFQ69G5FAV"));

        Assert.Empty((await Store.ListOrdersAsync(user.Id, new(10), Ct)).Items);
    }

    [Fact]
    public async Task A_users_orders_come_newest_first_across_pages()
    {
        var user = await NewUserAsync();
        var other = await NewUserAsync();
        var created = new List<Order>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await NewOrderAsync(user.Id, Item($"P{i}")));
            await NewOrderAsync(other.Id);
        }

        var seen = new List<Order>();
        string? token = null;
        do
        {
            var page = await Store.ListOrdersAsync(user.Id, new(3, token), Ct);
            seen.AddRange(page.Items);
            token = page.ContinuationToken;
        } while (token is not null);

        Assert.Equal(created.Select(o => o.Id).Reverse(), seen.Select(o => o.Id));
        Assert.All(seen, o => Assert.Equal(user.Id, o.UserId));
    }

    [Fact]
    public async Task Orders_of_an_unknown_user_and_an_unknown_order_are_not_found()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Store.ListOrdersAsync("01ARZ3NDEKTSV4RRFFQ69G5FAV", new(10), Ct));
        var error = await Assert.ThrowsAsync<NotFoundException>(() => Store.GetOrderAsync("01ARZ3NDEKTSV4RRFFQ69G5FAV", Ct));
        Assert.Equal("Order", error.Entity);
    }

    [Fact]
    public async Task An_order_update_replaces_status_items_and_total_together()
    {
        var user = await NewUserAsync();
        var order = await NewOrderAsync(user.Id, Item("A", 1, 5m), Item("B", 2, 7.5m));

        var updated = await Store.UpdateOrderAsync(order.Id, order.Version,
            new OrderChanges(OrderStatus.Processing, [Item("B", 4, 7.5m), Item("C", 1, 0.99m)]), Ct);

        var read = await Store.GetOrderAsync(order.Id, Ct);
        Assert.Equal(updated, read);
        Assert.Equal((OrderStatus.Processing, 30.99m, 2L), (read.Status, read.Total, read.Version));
        Assert.Equal(["B", "C"], read.Items.Select(i => i.ProductId));
    }

    [Fact]
    public async Task A_failing_order_update_writes_nothing()
    {
        var user = await NewUserAsync();
        var order = await NewOrderAsync(user.Id, Item("A", 2, 5m));

        await AssertInvalidAsync("items[1].quantity", () => Store.UpdateOrderAsync(order.Id, order.Version,
            new OrderChanges(OrderStatus.Processing, [Item("A", 3, 5m), Item("B", 0, 1m)]), Ct));

        Assert.Equal(order, await Store.GetOrderAsync(order.Id, Ct));
    }

    [Fact]
    public async Task An_order_update_with_a_stale_version_is_a_conflict_and_changes_nothing()
    {
        var user = await NewUserAsync();
        var order = await NewOrderAsync(user.Id);
        var current = await Store.UpdateOrderAsync(order.Id, 1, new OrderChanges(OrderStatus.Processing, order.Items), Ct);

        await Assert.ThrowsAsync<ConflictException>(() =>
            Store.UpdateOrderAsync(order.Id, 1, new OrderChanges(OrderStatus.Cancelled, [Item("X", 9)]), Ct));

        Assert.Equal(current, await Store.GetOrderAsync(order.Id, Ct));
    }

    [Fact]
    public async Task Of_two_concurrent_order_updates_exactly_one_wins()
    {
        var user = await NewUserAsync();
        var order = await NewOrderAsync(user.Id);

        var attempts = new[] { ("L", OrderStatus.Processing), ("R", OrderStatus.Cancelled) };
        var results = await Task.WhenAll(attempts.Select(async a =>
        {
            try
            {
                return await Store.UpdateOrderAsync(order.Id, order.Version, new OrderChanges(a.Item2, [Item(a.Item1, 2)]), Ct);
            }
            catch (ConflictException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(results, r => r is not null)!;
        Assert.Equal(winner, await Store.GetOrderAsync(order.Id, Ct));
    }

    [Fact]
    public async Task Updating_an_unknown_order_is_not_found()
    {
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Store.UpdateOrderAsync("01ARZ3NDEKTSV4RRFFQ69G5FAV", 1, new OrderChanges(OrderStatus.Processing, [Item()]), Ct));
    }
}
