using Dashboard.Core.Domain;

namespace Dashboard.Providers.Tests.Contract;

public abstract partial class StoreContractTests<TFixture>
{
    /// <summary>Walks a new order along <paramref name="path"/> (allowed moves) and returns it.</summary>
    private async Task<Order> OrderAtAsync(params OrderStatus[] path)
    {
        var user = await NewUserAsync();
        var order = await NewOrderAsync(user.Id);
        foreach (var status in path)
            order = await Store.UpdateOrderAsync(order.Id, order.Version, new OrderChanges(status, order.Items), Ct);
        return order;
    }

    private static OrderStatus[] PathTo(OrderStatus status) => status switch
    {
        OrderStatus.Pending => [],
        OrderStatus.Processing => [OrderStatus.Processing],
        OrderStatus.Shipped => [OrderStatus.Processing, OrderStatus.Shipped],
        OrderStatus.Delivered => [OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Delivered],
        _ => [OrderStatus.Cancelled],
    };

    [Theory]
    [InlineData(OrderStatus.Pending, OrderStatus.Processing)]
    [InlineData(OrderStatus.Processing, OrderStatus.Shipped)]
    [InlineData(OrderStatus.Shipped, OrderStatus.Delivered)]
    [InlineData(OrderStatus.Pending, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Processing, OrderStatus.Cancelled)]
    public async Task Allowed_status_transitions_are_saved(OrderStatus from, OrderStatus to)
    {
        var order = await OrderAtAsync(PathTo(from));

        await Store.UpdateOrderAsync(order.Id, order.Version, new OrderChanges(to, order.Items), Ct);

        Assert.Equal(to, (await Store.GetOrderAsync(order.Id, Ct)).Status);
    }

    [Theory]
    [InlineData(OrderStatus.Pending, OrderStatus.Shipped)]
    [InlineData(OrderStatus.Pending, OrderStatus.Delivered)]
    [InlineData(OrderStatus.Processing, OrderStatus.Pending)]
    [InlineData(OrderStatus.Processing, OrderStatus.Delivered)]
    [InlineData(OrderStatus.Shipped, OrderStatus.Pending)]
    [InlineData(OrderStatus.Shipped, OrderStatus.Processing)]
    [InlineData(OrderStatus.Shipped, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Delivered, OrderStatus.Shipped)]
    [InlineData(OrderStatus.Delivered, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Cancelled, OrderStatus.Pending)]
    [InlineData(OrderStatus.Cancelled, OrderStatus.Processing)]
    public async Task Refused_status_transitions_change_nothing(OrderStatus from, OrderStatus to)
    {
        var order = await OrderAtAsync(PathTo(from));

        await AssertInvalidAsync("status", () => Store.UpdateOrderAsync(order.Id, order.Version, new OrderChanges(to, order.Items), Ct));

        Assert.Equal(order, await Store.GetOrderAsync(order.Id, Ct));
    }

    [Fact]
    public async Task Items_of_a_shipped_order_cannot_change()
    {
        var order = await OrderAtAsync(PathTo(OrderStatus.Shipped));

        await AssertInvalidAsync("items", () =>
            Store.UpdateOrderAsync(order.Id, order.Version, new OrderChanges(OrderStatus.Delivered, [Item("NEW", 1)]), Ct));

        Assert.Equal(order, await Store.GetOrderAsync(order.Id, Ct));
    }
}
