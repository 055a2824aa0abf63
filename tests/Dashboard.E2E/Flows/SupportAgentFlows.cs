using System.Text.RegularExpressions;
using Dashboard.Core.Domain;
using Dashboard.E2E.Infrastructure;
using Dashboard.E2E.PageObjects;

namespace Dashboard.E2E.Flows;

/// <summary>What a support agent does all day, on every tenant.</summary>
public sealed class SupportAgentFlows(DashboardApp app, BrowserSession browser) : E2ETest(app, browser)
{
    [Theory]
    [MemberData(nameof(TenantCases.All), MemberType = typeof(TenantCases))]
    public async Task Agent_finds_ada_edits_her_newest_order_and_it_persists(string tenant)
    {
        var users = new UsersPage(await OpenAsync($"/t/{tenant}/users", DemoAccounts.SupportFor(tenant)));
        await users.SearchAsync("ada@example.com");
        Assert.Equal(["ada@example.com"], await users.EmailsAsync());
        await users.OpenUserAsync("ada@example.com");

        var userPage = new UserPage(users.Page);
        await userPage.OpenNewestOrderAsync();
        var order = new OrderPage(users.Page);
        var orderId = users.Page.Url.Split('/').Last();
        var before = await App.Store(tenant).GetOrderAsync(orderId, Ct);
        Assert.Equal(OrderStatus.Pending, before.Status);

        await order.AddItemAsync("SKU-E2E", "Browser-tested widget", 2, 4.25m);
        await Assertions.Expect(order.Total).ToHaveTextAsync((before.Total + 8.50m).ToString("N2"));
        await order.ChooseStatusAsync("Processing");
        await order.SaveAsync();
        await order.ExpectSavedAsync();

        await GoToAsync(users.Page, users.Page.Url);
        await Assertions.Expect(users.Page.GetByLabel("Product id, line " + (before.Items.Count + 1), new() { Exact = true })).ToHaveValueAsync("SKU-E2E");
        await Assertions.Expect(users.Page.GetByRole(AriaRole.Combobox, new() { Name = "Status" })).ToContainTextAsync("Processing");

        var stored = await App.Store(tenant).GetOrderAsync(orderId, Ct);
        Assert.Equal(OrderStatus.Processing, stored.Status);
        Assert.Equal(before.Total + 8.50m, stored.Total);
        Assert.Equal(new OrderItem("SKU-E2E", "Browser-tested widget", 2, 4.25m), stored.Items[^1]);
        Assert.Equal(before.Version + 1, stored.Version);
    }

    [Theory]
    [MemberData(nameof(TenantCases.All), MemberType = typeof(TenantCases))]
    public async Task Two_people_edit_one_order_and_the_second_sees_each_change_live_then_one_from_outside(string tenant)
    {
        var order = await NewOrderForAdaAsync(tenant);
        var first = new OrderPage(await OpenAsync($"/t/{tenant}/orders/{order.Id}", DemoAccounts.SupportFor(tenant)));
        var second = new OrderPage(await OpenAsync($"/t/{tenant}/orders/{order.Id}", DemoAccounts.SupportFor(tenant)));

        // Without edits of their own, the second person just sees the first one's save arrive, touching nothing.
        await first.SetQuantityAsync(1, 3);
        await first.SaveAsync();
        await first.ExpectSavedAsync();
        await Assertions.Expect(second.Page.GetByLabel("Quantity, line 1", new() { Exact = true })).ToHaveValueAsync("3", Live);
        await Assertions.Expect(second.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Changed by" })).ToBeVisibleAsync();

        // With edits of their own, they are kept, and the second person chooses: here, keep mine and re-apply.
        await second.SetQuantityAsync(1, 7);
        await first.SetQuantityAsync(1, 5);
        await first.SaveAsync();
        await StoredVersionAsync(tenant, order.Id, 3); // its second save
        await Assertions.Expect(second.Alert.Filter(new() { HasText = "This order changed while you were editing." })).ToBeVisibleAsync(Visible);
        await Assertions.Expect(second.Page.GetByLabel("Quantity, line 1", new() { Exact = true })).ToHaveValueAsync("7");
        Assert.Equal(5, (await App.Store(tenant).GetOrderAsync(order.Id, Ct)).Items[0].Quantity);

        await second.Page.GetByRole(AriaRole.Button, new() { Name = "Keep mine and re-apply" }).ClickAsync();
        await second.SaveAsync();
        await second.ExpectSavedAsync();

        var stored = await App.Store(tenant).GetOrderAsync(order.Id, Ct);
        Assert.Equal((7, 4L), (stored.Items[0].Quantity, stored.Version));

        // The tenant's own application (here: the test writing to the backend directly) moves the order to Processing
        // while the second person edits again. No audit entry: "changed outside the dashboard". They take theirs.
        await second.SetQuantityAsync(1, 9);
        await Assertions.Expect(second.Page.GetByText("Unsaved changes · the total is computed again when saved")).ToBeVisibleAsync();
        var outside = await App.OutsideStore(tenant).UpdateOrderAsync(order.Id, stored.Version, new OrderChanges(OrderStatus.Processing, stored.Items), Ct);
        var conflict = second.Alert.Filter(new() { HasText = "This order changed while you were editing. Changed outside the dashboard (status Pending → Processing)" });
        await Assertions.Expect(conflict).ToBeVisibleAsync(Visible);
        await Assertions.Expect(second.Page.GetByLabel("Quantity, line 1", new() { Exact = true })).ToHaveValueAsync("9");

        await conflict.GetByRole(AriaRole.Button, new() { Name = "Take theirs" }).ClickAsync();
        await Assertions.Expect(conflict).ToHaveCountAsync(0);
        await Assertions.Expect(second.Page.GetByLabel("Quantity, line 1", new() { Exact = true })).ToHaveValueAsync("7");
        await Assertions.Expect(second.Page.GetByRole(AriaRole.Combobox, new() { Name = "Status" })).ToContainTextAsync("Processing");
        await Assertions.Expect(second.Page.GetByText("Unsaved changes · the total is computed again when saved")).ToHaveCountAsync(0);
        Assert.Equal(outside, await App.Store(tenant).GetOrderAsync(order.Id, Ct));
    }

    /// <summary>How soon a change must show on the other person's page (the issue asks 2 s; room for a loaded test machine).</summary>
    private static readonly LocatorAssertionsToHaveValueOptions Live = new() { Timeout = 5_000 };

    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 5_000 };

    /// <summary>Waits until the stored order reaches <paramref name="version"/> (a save whose snackbar may share the page with an earlier one).</summary>
    private async Task StoredVersionAsync(string tenant, string orderId, long version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await App.Store(tenant).GetOrderAsync(orderId, Ct))!.Version < version)
        {
            Assert.True(DateTime.UtcNow < deadline, $"order {orderId} did not reach version {version} within 20 s");
            await Task.Delay(100, Ct);
        }
    }

    [Theory]
    [MemberData(nameof(TenantCases.All), MemberType = typeof(TenantCases))]
    public async Task A_zero_quantity_is_refused_with_a_message_and_nothing_is_saved(string tenant)
    {
        var order = await NewOrderForAdaAsync(tenant);
        var page = new OrderPage(await OpenAsync($"/t/{tenant}/orders/{order.Id}", DemoAccounts.SupportFor(tenant)));

        await page.SetQuantityAsync(1, 0);
        await page.SaveAsync();

        // Beside the field, and said once as an alert (the snackbar) so it is heard as well as seen.
        await Assertions.Expect(page.Page.GetByText("Quantity must be between 1 and 1000.", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Not saved: Quantity must be between 1 and 1000." })).ToBeVisibleAsync();
        Assert.Equal(order, await App.Store(tenant).GetOrderAsync(order.Id, Ct));
    }

    [Theory]
    [MemberData(nameof(TenantCases.All), MemberType = typeof(TenantCases))]
    public async Task Paging_through_users_forward_and_back_returns_the_same_rows_also_after_opening_one(string tenant)
    {
        var users = new UsersPage(await OpenAsync($"/t/{tenant}/users", DemoAccounts.SupportFor(tenant)));
        var first = await users.EmailsAsync();

        await users.NextPageAsync(2);
        var second = await users.EmailsAsync();
        await users.NextPageAsync(3);
        var third = await users.EmailsAsync();
        // A user opened from page 3, then the browser's back button: page 3 again, and Previous still walks back.
        await users.OpenUserAsync(third[0]);
        await Assertions.Expect(users.Page.GetByRole(AriaRole.Region, new() { Name = $"Orders of {third[0]}" })).ToBeVisibleAsync();
        await users.Page.GoBackAsync();
        await Assertions.Expect(users.Page.GetByText(new System.Text.RegularExpressions.Regex("^Page 3 ·"))).ToBeVisibleAsync();
        Assert.Equal(third, await users.EmailsAsync());
        await users.PreviousPageAsync(2);
        Assert.Equal(second, await users.EmailsAsync());
        await users.PreviousPageAsync(1);
        Assert.Equal(first, await users.EmailsAsync());

        Assert.Equal(25, first.Length);
        Assert.Empty(first.Intersect(second).Concat(second.Intersect(third)));
        Assert.Equal(first.Concat(second).Concat(third).Order(StringComparer.Ordinal), first.Concat(second).Concat(third));
    }

    [Fact]
    public async Task A_click_anywhere_on_a_users_row_opens_that_user_and_one_back_returns_to_the_list()
    {
        var tenant = App.Tenants[0].Id;
        var users = new UsersPage(await OpenAsync($"/t/{tenant}/users?q=ada", DemoAccounts.Ops));
        Assert.Equal(["ada@example.com"], await users.EmailsAsync());
        var listUrl = users.Page.Url;

        // A click in the middle of the name cell, not on the link's text: the row opens its user as its link does.
        // The link is stretched over the row, so it is what receives the click (Playwright sees it covering the cell
        // and would wait for the cell to be uncovered; Force clicks where a person would).
        await users.Table.Locator("td[data-label=Name]").First.ClickAsync(new() { Force = true });
        await Assertions.Expect(users.Page).ToHaveURLAsync(new Regex($"/t/{tenant}/users/[^/?]+$"));
        await Assertions.Expect(users.Page.GetByRole(AriaRole.Heading, new() { Name = "Orders", Exact = true })).ToBeVisibleAsync();

        // One history entry per open: a second navigation (a row handler beside the link) kept Back on the user.
        await users.Page.GoBackAsync();
        await Assertions.Expect(users.Page).ToHaveURLAsync(listUrl);
        Assert.Equal(["ada@example.com"], await users.EmailsAsync());
    }

    [Fact]
    public async Task The_tenant_switcher_keeps_the_page_kind_and_the_search()
    {
        var tenants = App.Tenants.Select(t => t.Id).ToList();
        Assert.True(tenants.Count >= 2, "the demo configuration has several tenants");
        var page = await OpenAsync($"/t/{tenants[0]}/users?q=ada", DemoAccounts.Ops);

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Tenant" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("^" + Regex.Escape(App.Tenants[1].DisplayName)) }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/t/{tenants[1]}/users\\?q=ada$"));
        Assert.Equal(["ada@example.com"], await new UsersPage(page).EmailsAsync());
    }

    [Fact]
    public async Task An_agent_is_refused_a_tenant_they_have_no_grant_for()
    {
        var page = await OpenAsync("/t/sandbox/users", DemoAccounts.Agent);
        var refused = App.Tenants.Select(t => t.Id).First(t => !DemoAccounts.Agent.CanOpen(t));

        var response = await page.GotoAsync($"/t/{refused}/users");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Forbidden" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("td[data-label=Email]")).ToHaveCountAsync(0);
        await GoToAsync(page, "/");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Tenant" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Option).First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex(Regex.Escape(refused), RegexOptions.IgnoreCase) })).ToHaveCountAsync(0);
    }

    private async Task<Order> NewOrderForAdaAsync(string tenant)
    {
        var ada = await App.Store(tenant).FindUserByEmailAsync("ada@example.com", Ct) ?? throw new InvalidOperationException("no ada");
        return await App.Store(tenant).CreateOrderAsync(new NewOrder(ada.Id, "USD",
            [new OrderItem("SKU-1", "Keyboard", 1, 20m), new OrderItem("SKU-2", "Cable", 2, 3.5m)]), Ct);
    }
}
