using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Core.Domain;

namespace Dashboard.Tests.Pages;

public sealed class UserDetailPageTests : DashboardTestContext
{
    private async Task<(IRenderedComponent<UserDetail> Cut, User Ada)> RenderAdaAsync()
    {
        var ada = (await Store.FindUserByEmailAsync("ada@example.com", Ct))!;
        RenderProviders();
        var cut = Render<UserDetail>(p => p.Add(x => x.Tenant, TenantId).Add(x => x.UserId, ada.Id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[aria-label='Orders of ada@example.com'] tbody tr")));
        return (cut, ada);
    }

    private async Task<int> OrderCountAsync(User user) => (await Store.ListOrdersAsync(user.Id, new(100), Ct)).Items.Count;

    /// <summary>Opens "New order" and names the first line "SKU-9 Widget"; quantity and price are the test's.</summary>
    private IRenderedComponent<MudBlazor.MudDialogProvider> OpenNewOrderDialogForWidget(IRenderedComponent<UserDetail> cut)
    {
        var dialogs = RenderProviders();
        cut.Button("New order").Click();
        dialogs.WaitForAssertion(() => dialogs.Button("Create order"));
        dialogs.Type("Product id, line 1", "SKU-9");
        dialogs.Type("Product name, line 1", "Widget");
        return dialogs;
    }

    [Fact]
    public async Task The_profile_and_the_orders_newest_first_are_shown()
    {
        var (cut, ada) = await RenderAdaAsync();

        var orders = (await Store.ListOrdersAsync(ada.Id, new(25), Ct)).Items;
        var shown = cut.FindAll("[aria-label='Orders of ada@example.com'] tbody tr td:first-child").Select(td => td.TextContent.Trim());
        Assert.Equal(orders.Select(o => o.Id), shown);
        Assert.Equal("ada@example.com", cut.Field("Email").GetAttribute("value"));
        Assert.Contains("Ada Lovelace", cut.Find("h1").TextContent);
    }

    [Fact]
    public async Task Save_is_disabled_until_something_changes()
    {
        var (cut, _) = await RenderAdaAsync();

        Assert.True(cut.Button("Save").HasAttribute("disabled"));
        cut.Type("Name", "Ada King");
        Assert.False(cut.Button("Save").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Saving_an_edit_stores_it_with_a_new_version()
    {
        var (cut, ada) = await RenderAdaAsync();

        cut.Type("Name", "Augusta Ada King");
        cut.Button("Save").Click();

        await cut.WaitForAssertionAsync(async () => Assert.Equal("Augusta Ada King", (await Store.GetUserAsync(ada.Id, Ct)).Name));
        Assert.Equal(ada.Version + 1, (await Store.GetUserAsync(ada.Id, Ct)).Version);
    }

    [Fact]
    public async Task A_bad_edit_shows_the_message_beside_the_field_and_stores_nothing()
    {
        var (cut, ada) = await RenderAdaAsync();

        cut.Type("Name", " ");
        cut.Type("Avatar URL (optional)", "ftp://example.com/me.png");
        cut.Button("Save").Click();

        cut.WaitForAssertion(() => Assert.Equal("Name is required.", cut.FieldMessage("Name")));
        Assert.Equal("Avatar URL must be an absolute http or https address.", cut.FieldMessage("Avatar URL (optional)"));
        // A screen reader reads each message with its field.
        Assert.Contains("Name is required.", cut.Description("Name"));
        Assert.Contains("Avatar URL must be an absolute http or https address.", cut.Description("Avatar URL (optional)"));
        Assert.Equal(ada, await Store.GetUserAsync(ada.Id, Ct));
    }

    [Fact]
    public async Task A_stale_save_shows_the_conflict_and_can_reapply_my_changes()
    {
        var (cut, ada) = await RenderAdaAsync();
        cut.Type("Name", "Mine");
        await Store.UpdateUserAsync(ada.Id, ada.Version, new UserChanges(ada.Email, "Theirs"), Ct);

        cut.Button("Save").Click();
        cut.WaitForAssertion(() => Assert.Contains("This user was changed by someone else", cut.Markup));
        Assert.Contains("Theirs", cut.Find("[role=alert]").TextContent);
        Assert.Equal("Theirs", (await Store.GetUserAsync(ada.Id, Ct)).Name);

        cut.Button("Re-apply my changes").Click();
        // Re-applying puts my edit on top of their version for review; only Save stores it.
        cut.WaitForAssertion(() => Assert.DoesNotContain("This user was changed by someone else", cut.Markup));
        Assert.Equal("Mine", cut.Field("Name").GetAttribute("value"));
        Assert.Contains($"version {ada.Version + 1}", cut.Markup);
        Assert.Equal("Theirs", (await Store.GetUserAsync(ada.Id, Ct)).Name);
        cut.Button("Save").Click();

        await cut.WaitForAssertionAsync(async () => Assert.Equal("Mine", (await Store.GetUserAsync(ada.Id, Ct)).Name));
        Assert.Equal(ada.Version + 2, (await Store.GetUserAsync(ada.Id, Ct)).Version);
    }

    [Fact]
    public void An_unknown_user_is_reported_not_crashed()
    {
        RenderProviders();
        var cut = Render<UserDetail>(p => p.Add(x => x.Tenant, TenantId).Add(x => x.UserId, "01ARZ3NDEKTSV4RRFFQ69G5FAV"));

        cut.WaitForAssertion(() => Assert.Contains("User 01ARZ3NDEKTSV4RRFFQ69G5FAV does not exist in sandbox.", cut.Find("[role=alert]").TextContent));
    }

    [Fact]
    public async Task The_new_order_dialog_creates_an_order_with_the_total_computed_by_the_service()
    {
        var (cut, ada) = await RenderAdaAsync();
        var before = await OrderCountAsync(ada);

        var dialogs = OpenNewOrderDialogForWidget(cut);
        dialogs.Type("Quantity, line 1", "3");
        dialogs.Type("Unit price, line 1", "2.50");
        dialogs.WaitForAssertion(() => Assert.Equal("7.50", dialogs.Find("[data-testid=order-total]").TextContent));
        dialogs.Find("form#create-order").Submit();

        await cut.WaitForAssertionAsync(async () => Assert.Equal(before + 1, await OrderCountAsync(ada)));
        var newest = (await Store.ListOrdersAsync(ada.Id, new(1), Ct)).Items[0];
        Assert.Equal((7.50m, OrderStatus.Pending), (newest.Total, newest.Status));
        cut.WaitForAssertion(() => Assert.EndsWith($"/t/sandbox/orders/{newest.Id}", Navigation.Uri));
    }

    [Fact]
    public async Task The_new_order_dialog_shows_item_errors_and_stores_nothing()
    {
        var (cut, ada) = await RenderAdaAsync();
        var before = await OrderCountAsync(ada);

        var dialogs = OpenNewOrderDialogForWidget(cut);
        dialogs.Type("Unit price, line 1", "1.005");
        dialogs.Find("form#create-order").Submit();

        dialogs.WaitForAssertion(() => Assert.Equal("Unit price can have at most 2 decimals.", dialogs.FieldMessage("Unit price, line 1")));
        Assert.Equal(before, await OrderCountAsync(ada));
    }
}
