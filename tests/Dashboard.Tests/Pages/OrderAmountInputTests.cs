using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Core.Domain;
using Dashboard.Services;

namespace Dashboard.Tests.Pages;

/// <summary>
/// Amounts a person can type that a decimal cannot hold: the page keeps drawing, says what is wrong beside the
/// field, refuses to save, and the stored order does not change.
/// </summary>
public sealed class OrderAmountInputTests : DashboardTestContext
{
    private async Task<(IRenderedComponent<OrderDetail> Cut, Order Order)> RenderOrderAsync()
    {
        var ada = (await Store.FindUserByEmailAsync("ada@example.com", Ct))!;
        var order = await Store.CreateOrderAsync(new NewOrder(ada.Id, "USD", [new OrderItem("SKU-1", "Keyboard", 2, 10.00m)]), Ct);
        _ = Snackbars;
        RenderProviders();
        var cut = Render<OrderDetail>(p => p.Add(x => x.Tenant, TenantId).Add(x => x.OrderId, order.Id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=order-total]"));
        return (cut, order);
    }

    private static string LineTotalCell(IRenderedComponent<OrderDetail> cut, int line) =>
        cut.FindAll(".items-editor tbody tr")[line - 1].QuerySelector(".line-total")!.TextContent.Trim();

    [Theory]
    [InlineData("2", "79228162514264337593543950335")]
    [InlineData("1000", "10000000000000000000000000000")]
    public async Task A_line_total_too_large_for_a_decimal_is_a_message_on_the_line_and_save_is_refused(string quantity, string price)
    {
        var (cut, order) = await RenderOrderAsync();

        cut.Type("Quantity, line 1", quantity);
        cut.Type("Unit price, line 1", price);

        cut.WaitForAssertion(() => Assert.Contains("Line total is too large.", LineTotalCell(cut, 1)));
        Assert.Equal("—", cut.Find("[data-testid=order-total]").TextContent);
        Assert.Contains("The order total is too large.", cut.Markup);

        cut.Button("Save").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Not saved: Line total is too large.", SnackbarTexts()));
        Assert.Contains("Line total is too large.", LineTotalCell(cut, 1));
        Assert.Equal(order, await Store.GetOrderAsync(order.Id, Ct));
    }

    [Fact]
    public async Task Lines_that_fit_but_add_up_past_a_decimal_refuse_the_total()
    {
        var (cut, order) = await RenderOrderAsync();
        cut.Type("Quantity, line 1", "1");
        cut.Type("Unit price, line 1", "50000000000000000000000000000");
        cut.Button("Add item").Click();
        cut.Type("Product id, line 2", "SKU-2");
        cut.Type("Product name, line 2", "Cable");
        cut.Type("Unit price, line 2", "50000000000000000000000000000");

        cut.WaitForAssertion(() => Assert.Contains("The order total is too large.", cut.Markup));
        Assert.DoesNotContain("Line total is too large.", cut.Markup);
        cut.Button("Save").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Not saved: The order total is too large.", SnackbarTexts()));
        Assert.Equal(order, await Store.GetOrderAsync(order.Id, Ct));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e309")]
    [InlineData("1e2")]
    [InlineData("∞")]
    [InlineData("1,50")]
    [InlineData("12.5.0")]
    [InlineData("")]
    [InlineData("0.0000000000000000000000000000001")]
    public async Task A_price_that_is_not_a_plain_finite_number_is_a_field_error_never_zero(string typed)
    {
        var (cut, order) = await RenderOrderAsync();

        cut.Type("Unit price, line 1", typed);

        cut.WaitForAssertion(() => Assert.Equal(NumberInput.PriceProblem, cut.FieldMessage("Unit price, line 1")));
        // No figures from the last readable price: they would not be what the field says.
        Assert.Equal("—", cut.Find("[data-testid=order-total]").TextContent);
        Assert.Equal("—", LineTotalCell(cut, 1));
        cut.Button("Save").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains($"Not saved: {NumberInput.PriceProblem}", SnackbarTexts()));
        Assert.Equal(NumberInput.PriceProblem, cut.FieldMessage("Unit price, line 1"));
        Assert.Equal(order, await Store.GetOrderAsync(order.Id, Ct));
    }

    [Theory]
    [InlineData("99999999999")]
    [InlineData("2.5")]
    [InlineData("NaN")]
    public async Task A_quantity_that_is_not_a_whole_number_is_a_field_error(string typed)
    {
        var (cut, order) = await RenderOrderAsync();

        cut.Type("Quantity, line 1", typed);
        cut.Button("Save").Click();

        cut.WaitForAssertion(() => Assert.Equal(NumberInput.QuantityProblem, cut.FieldMessage("Quantity, line 1")));
        Assert.Equal(order, await Store.GetOrderAsync(order.Id, Ct));
    }

    [Fact]
    public async Task Correcting_the_price_clears_the_message_and_saves()
    {
        var (cut, order) = await RenderOrderAsync();
        cut.Type("Unit price, line 1", "NaN");
        cut.WaitForAssertion(() => Assert.Equal(NumberInput.PriceProblem, cut.FieldMessage("Unit price, line 1")));

        cut.Type("Unit price, line 1", " 12.50 ");
        cut.WaitForAssertion(() => Assert.Equal("25.00", cut.Find("[data-testid=order-total]").TextContent));
        Assert.Equal("", cut.FieldMessage("Unit price, line 1"));
        cut.Button("Save").Click();

        await cut.WaitForAssertionAsync(async () => Assert.Equal(25.00m, (await Store.GetOrderAsync(order.Id, Ct)).Total));
    }

    [Fact]
    public async Task The_new_order_dialog_refuses_an_overflowing_line_and_creates_nothing()
    {
        var ada = (await Store.FindUserByEmailAsync("ada@example.com", Ct))!;
        var before = (await Store.ListOrdersAsync(ada.Id, new(100), Ct)).Items.Count;
        _ = Snackbars;
        var dialogs = RenderProviders();
        var cut = Render<UserDetail>(p => p.Add(x => x.Tenant, TenantId).Add(x => x.UserId, ada.Id));
        cut.WaitForAssertion(() => cut.Button("New order"));
        cut.Button("New order").Click();
        dialogs.WaitForAssertion(() => dialogs.Button("Create order"));
        dialogs.Type("Product id, line 1", "SKU-9");
        dialogs.Type("Product name, line 1", "Widget");
        dialogs.Type("Quantity, line 1", "2");
        dialogs.Type("Unit price, line 1", "79228162514264337593543950335");

        dialogs.WaitForAssertion(() => Assert.Contains("Line total is too large.", dialogs.Markup));
        dialogs.Find("form#create-order").Submit();

        Snackbars.WaitForAssertion(() => Assert.Contains("Not saved: Line total is too large.", SnackbarTexts()));
        Assert.NotNull(dialogs.Button("Create order"));
        Assert.Equal(before, (await Store.ListOrdersAsync(ada.Id, new(100), Ct)).Items.Count);
    }
}
