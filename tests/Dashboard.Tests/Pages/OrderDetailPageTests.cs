using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Core.Domain;
using MudBlazor;

namespace Dashboard.Tests.Pages;

public sealed class OrderDetailPageTests : DashboardTestContext
{
    private async Task<Order> NewOrderAsync(params OrderStatus[] path)
    {
        var ada = (await Store.FindUserByEmailAsync("ada@example.com", Ct))!;
        var order = await Store.CreateOrderAsync(new NewOrder(ada.Id, "USD",
            [new OrderItem("SKU-1", "Keyboard", 2, 10.00m), new OrderItem("SKU-2", "Cable", 1, 2.50m)]), Ct);
        foreach (var status in path) order = await Store.UpdateOrderAsync(order.Id, order.Version, new OrderChanges(status, order.Items), Ct);
        return order;
    }

    private IRenderedComponent<OrderDetail> RenderOrder(Order order)
    {
        RenderProviders();
        var cut = Render<OrderDetail>(p => p.Add(x => x.Tenant, TenantId).Add(x => x.OrderId, order.Id));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=order-total]")));
        return cut;
    }

    private static string Total(IRenderedComponent<OrderDetail> cut) => cut.Find("[data-testid=order-total]").TextContent;

    private static Task ChooseStatusAsync(IRenderedComponent<OrderDetail> cut, OrderStatus status)
    {
        var select = cut.FindComponent<MudSelect<OrderStatus>>();
        return cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(status));
    }

    [Fact]
    public async Task The_items_and_total_are_shown()
    {
        var cut = RenderOrder(await NewOrderAsync());

        Assert.Equal("22.50", Total(cut));
        Assert.Equal("Keyboard", cut.Field("Product name, line 1").GetAttribute("value"));
        Assert.Equal("Order items", cut.Find("table caption").TextContent);
    }

    [Theory]
    [InlineData(new OrderStatus[0], new[] { OrderStatus.Pending, OrderStatus.Processing, OrderStatus.Cancelled })]
    [InlineData(new[] { OrderStatus.Processing }, new[] { OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Cancelled })]
    [InlineData(new[] { OrderStatus.Processing, OrderStatus.Shipped }, new[] { OrderStatus.Shipped, OrderStatus.Delivered })]
    public async Task The_status_select_offers_only_allowed_transitions(OrderStatus[] path, OrderStatus[] offered)
    {
        var cut = RenderOrder(await NewOrderAsync(path));
        var popovers = Popovers;

        cut.Find(".mud-select .mud-input-control-input-container").MouseDown();

        popovers.WaitForAssertion(() => Assert.Equal(offered.Select(s => s.ToString()),
            popovers.FindAll(".mud-list-item-text").Select(i => i.TextContent.Trim())));
    }

    [Fact]
    public async Task A_delivered_order_is_final_and_its_items_are_read_only()
    {
        var cut = RenderOrder(await NewOrderAsync(OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Delivered));

        Assert.Contains("Final: this order cannot change status any more.", cut.Markup);
        Assert.True(cut.Field("Quantity, line 1").HasAttribute("readonly"));
        Assert.Throws<InvalidOperationException>(() => cut.Button("Add item"));
    }

    [Fact]
    public async Task Editing_a_quantity_recomputes_the_total_live()
    {
        var cut = RenderOrder(await NewOrderAsync());

        cut.Type("Quantity, line 1", "5");

        cut.WaitForAssertion(() => Assert.Equal("52.50", Total(cut)));
        Assert.Contains("Unsaved changes", cut.Markup);
    }

    [Fact]
    public async Task Lines_can_be_added_and_removed()
    {
        var order = await NewOrderAsync();
        var cut = RenderOrder(order);

        cut.Button("Remove").Click();
        cut.WaitForAssertion(() => Assert.Equal("2.50", Total(cut)));
        cut.Button("Add item").Click();
        cut.Type("Product id, line 2", "SKU-3");
        cut.Type("Product name, line 2", "Mouse");
        cut.Type("Quantity, line 2", "2");
        cut.Type("Unit price, line 2", "4.25");
        cut.WaitForAssertion(() => Assert.Equal("11.00", Total(cut)));
        cut.Button("Save").Click();

        await cut.WaitForAssertionAsync(async () => Assert.Equal(11.00m, (await Store.GetOrderAsync(order.Id, Ct)).Total));
        Assert.Equal(["SKU-2", "SKU-3"], (await Store.GetOrderAsync(order.Id, Ct)).Items.Select(i => i.ProductId));
    }

    [Fact]
    public async Task A_zero_quantity_is_refused_beside_the_field_and_nothing_is_saved()
    {
        var order = await NewOrderAsync();
        var cut = RenderOrder(order);

        cut.Type("Quantity, line 2", "0");
        await ChooseStatusAsync(cut, OrderStatus.Processing);
        cut.Button("Save").Click();

        cut.WaitForAssertion(() => Assert.Equal("Quantity must be between 1 and 1000.", cut.FieldMessage("Quantity, line 2")));
        Assert.Equal(order, await Store.GetOrderAsync(order.Id, Ct));
    }

    [Fact]
    public async Task Saving_a_status_change_persists_it()
    {
        var order = await NewOrderAsync();
        var cut = RenderOrder(order);

        await ChooseStatusAsync(cut, OrderStatus.Processing);
        cut.Button("Save").Click();

        await cut.WaitForAssertionAsync(async () => Assert.Equal(OrderStatus.Processing, (await Store.GetOrderAsync(order.Id, Ct)).Status));
        cut.WaitForAssertion(() => Assert.Contains("version 2", cut.Markup));
    }

    [Fact]
    public async Task A_stale_save_shows_the_current_values_and_reapplying_saves_my_edit_on_top()
    {
        var order = await NewOrderAsync();
        var cut = RenderOrder(order);
        cut.Type("Quantity, line 1", "4");
        await Store.UpdateOrderAsync(order.Id, order.Version, new OrderChanges(OrderStatus.Processing, order.Items), Ct);

        cut.Button("Save").Click();
        cut.WaitForAssertion(() => Assert.Contains("This order was changed by someone else.", cut.Markup));
        Assert.Contains("status Processing", cut.Find("[role=alert]").TextContent);
        Assert.Equal(2, (await Store.GetOrderAsync(order.Id, Ct)).Items[0].Quantity);

        cut.Button("Re-apply my changes").Click();
        // Re-applying puts my edit on top of their version for review; only Save stores it.
        cut.WaitForAssertion(() => Assert.DoesNotContain("This order was changed by someone else.", cut.Markup));
        Assert.Equal("4", cut.Field("Quantity, line 1").GetAttribute("value"));
        Assert.Contains("version 2", cut.Markup);
        Assert.Equal((2, 2L), ((await Store.GetOrderAsync(order.Id, Ct)).Items[0].Quantity, (await Store.GetOrderAsync(order.Id, Ct)).Version));
        cut.Button("Save").Click();

        await cut.WaitForAssertionAsync(async () => Assert.Equal(4, (await Store.GetOrderAsync(order.Id, Ct)).Items[0].Quantity));
        var saved = await Store.GetOrderAsync(order.Id, Ct);
        Assert.Equal((OrderStatus.Processing, 3L, 42.50m), (saved.Status, saved.Version, saved.Total));
    }

    [Fact]
    public async Task Undo_restores_the_saved_values()
    {
        var cut = RenderOrder(await NewOrderAsync());

        cut.Type("Quantity, line 1", "9");
        cut.Button("Undo changes").Click();

        cut.WaitForAssertion(() => Assert.Equal("22.50", Total(cut)));
        Assert.True(cut.Button("Save").HasAttribute("disabled"));
    }
}
