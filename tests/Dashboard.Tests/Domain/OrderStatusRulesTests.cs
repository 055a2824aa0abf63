using Dashboard.Core.Domain;

namespace Dashboard.Tests.Domain;

public sealed class OrderStatusRulesTests
{
    [Fact]
    public void The_life_cycle_allows_exactly_the_documented_moves()
    {
        var allowed = Enum.GetValues<OrderStatus>()
            .SelectMany(from => OrderStatusRules.AllowedNext(from).Select(to => $"{from}->{to}"))
            .Order();

        Assert.Equal(
            ["Pending->Cancelled", "Pending->Processing", "Processing->Cancelled", "Processing->Shipped", "Shipped->Delivered"],
            allowed);
    }

    [Theory]
    [InlineData(OrderStatus.Pending, true)]
    [InlineData(OrderStatus.Processing, true)]
    [InlineData(OrderStatus.Shipped, false)]
    [InlineData(OrderStatus.Delivered, false)]
    [InlineData(OrderStatus.Cancelled, false)]
    public void Items_are_editable_only_before_shipping(OrderStatus status, bool editable) =>
        Assert.Equal(editable, OrderStatusRules.ItemsEditable(status));
}
