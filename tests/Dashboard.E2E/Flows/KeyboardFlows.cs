using System.Text.RegularExpressions;
using Dashboard.Core.Domain;
using Dashboard.E2E.Accessibility;
using Dashboard.E2E.Infrastructure;

namespace Dashboard.E2E.Flows;

/// <summary>
/// A support agent's order edit with the keyboard alone (Tab, Enter, arrows, typing; no click): sign in, skip to
/// the content, search, open the customer, try the New order dialog, open the order, change its status, add an
/// item, save, see a change made elsewhere arrive while editing and re-apply, sign out. Each control reached shows a focus indicator.
/// </summary>
public sealed class KeyboardFlows(DashboardApp app, BrowserSession browser) : E2ETest(app, browser)
{
    [Fact]
    public async Task An_agent_edits_an_order_with_the_keyboard_alone()
    {
        var tenant = App.Tenants.Select(t => t.Id).First(DemoAccounts.Agent.CanOpen);
        var (customer, order) = await SampleCustomer.WithNewOrderAsync(App, tenant, Ct);
        var page = await NewPageAsync();
        var keys = new KeyboardDriver(page);

        // Sign in.
        await page.GotoAsync($"/t/{tenant}/users");
        await keys.TabToAsync(page.GetByLabel("Email"));
        await keys.TypeAsync(DemoAccounts.Agent.Email);
        await keys.TabToAsync(page.GetByLabel("Password"));
        await keys.TypeAsync(DemoAccounts.Agent.Password);
        await keys.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/t/{tenant}/users$"));
        await WaitInteractiveAsync(page);

        // "Skip to content" comes first in the tab order (before the app bar) and moves focus to the page's main region.
        await keys.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" }), backwards: true);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeInViewportAsync();
        await keys.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#main-content")).ToBeFocusedAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/t/{tenant}/users$"));

        // Search, then open the customer.
        await keys.TabToAsync(page.GetByLabel("Search", new() { Exact = true }));
        await keys.TypeAsync(customer.Email);
        await keys.PressAsync("Enter");
        var users = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Users of") });
        var customerLink = users.GetByRole(AriaRole.Link, new() { Name = customer.Email, Exact = true });
        await Assertions.Expect(customerLink).ToBeVisibleAsync();
        await keys.TabToAsync(customerLink);
        await keys.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/users/{customer.Id}$"));

        // The New order dialog takes focus, keeps it while tabbing, closes on Escape and gives focus back.
        var newOrder = page.GetByRole(AriaRole.Button, new() { Name = "New order" });
        await keys.TabToAsync(newOrder);
        await keys.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "New order" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await ExpectFocusInsideAsync(keys, dialog, "the dialog as it opens");
        for (var i = 0; i < 12; i++)
        {
            await keys.PressAsync("Tab");
            await ExpectFocusInsideAsync(keys, dialog, $"the dialog after {i + 1} × Tab");
        }
        await keys.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(newOrder).ToBeFocusedAsync();

        // Open the order (the customer's newest, first in the list).
        var orders = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Orders of") });
        await keys.TabToAsync(orders.GetByRole(AriaRole.Link, new() { Name = order.Id }));
        await keys.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/orders/{order.Id}$"));
        await Assertions.Expect(page.GetByTestId("order-total")).ToBeVisibleAsync();

        // Status: open the select, move down to Processing, choose it; Tab then leaves the select (no trap).
        var status = page.GetByRole(AriaRole.Combobox, new() { Name = "Status" });
        await keys.TabToAsync(status);
        await keys.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "Processing" })).ToBeVisibleAsync();
        await keys.PressAsync("ArrowDown");
        await keys.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);
        await Assertions.Expect(status).ToContainTextAsync("Processing");
        await keys.PressAsync("Tab");
        Assert.False(await keys.FocusIsInsideAsync(status), "Tab should leave the Status select");

        // Add an item: the new line's first field takes focus.
        await keys.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = "Add item" }));
        await keys.PressAsync("Enter");
        await Assertions.Expect(page.GetByLabel("Product id, line 3", new() { Exact = true })).ToBeFocusedAsync();
        await keys.TypeAsync("SKU-KEYS");
        await keys.TabToAsync(page.GetByLabel("Product name, line 3", new() { Exact = true }));
        await keys.TypeAsync("Typed, not clicked");
        await keys.TabToAsync(page.GetByLabel("Quantity, line 3", new() { Exact = true }));
        await keys.ReplaceTextAsync("3");
        await keys.TabToAsync(page.GetByLabel("Unit price, line 3", new() { Exact = true }));
        await keys.ReplaceTextAsync("2.50");
        await Assertions.Expect(page.GetByTestId("order-total")).ToHaveTextAsync("34.50");

        // Save with Enter in the field; the result comes in a snackbar, which is an alert a screen reader announces.
        await keys.PressAsync("Enter");
        await Assertions.Expect(Announced(page, "Order saved: Processing, total 34.50 USD.")).ToBeVisibleAsync();
        var saved = await App.Store(tenant).GetOrderAsync(order.Id, Ct);
        Assert.Equal((OrderStatus.Processing, 34.50m, order.Version + 1), (saved.Status, saved.Total, saved.Version));
        Assert.Equal(new OrderItem("SKU-KEYS", "Typed, not clicked", 3, 2.50m), saved.Items[^1]);

        // The agent starts another edit; meanwhile the order is changed outside the dashboard. The page shows it at
        // once, keeps the agent's edit and says so in an alert.
        await keys.TabToAsync(page.GetByLabel("Quantity, line 1", new() { Exact = true }), backwards: true);
        await keys.ReplaceTextAsync("5");
        await Assertions.Expect(page.GetByText("Unsaved changes · the total is computed again when saved")).ToBeVisibleAsync();
        var theirs = await App.OutsideStore(tenant).UpdateOrderAsync(order.Id, saved.Version,
            new OrderChanges(OrderStatus.Processing, [.. saved.Items.Select(i => i with { Quantity = 1 })]), Ct);
        var conflict = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "This order changed while you were editing." });
        await Assertions.Expect(conflict).ToBeVisibleAsync();
        // axe reads colours as they are drawn: the "Order saved" snackbar, fading out, would measure as faint text.
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        var violations = await AxeCheck.ViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));

        // Keep mine and re-apply from the keyboard, then save.
        await keys.TabToAsync(conflict.GetByRole(AriaRole.Button, new() { Name = "Keep mine and re-apply" }), backwards: true);
        await keys.PressAsync("Enter");
        await Assertions.Expect(conflict).ToHaveCountAsync(0);
        await Assertions.Expect(Announced(page, "Your changes now apply to the current version.")).ToBeVisibleAsync();
        await keys.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }));
        await keys.PressAsync("Enter");
        // Re-applied: the agent's lines (line 1 now 5) on top of the other person's version.
        List<OrderItem> mine = [.. saved.Items.Select((item, n) => n == 0 ? item with { Quantity = 5 } : item)];
        await Assertions.Expect(Announced(page, $"Order saved: Processing, total {mine.Sum(i => i.Quantity * i.UnitPrice):N2} USD.")).ToBeVisibleAsync();
        var final = await App.Store(tenant).GetOrderAsync(order.Id, Ct);
        Assert.Equal(mine, final.Items);
        Assert.Equal(theirs.Version + 1, final.Version);

        // Sign out, from the app bar.
        await keys.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }), backwards: true);
        await keys.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login"));
    }

    /// <summary>A message in an alert (a live region): what a screen reader says without the person moving there.</summary>
    private static ILocator Announced(IPage page, string text) =>
        page.GetByRole(AriaRole.Alert).Filter(new() { HasText = text }).Last;

    private static async Task ExpectFocusInsideAsync(KeyboardDriver keys, ILocator container, string when) =>
        Assert.True(await keys.FocusIsInsideAsync(container), $"focus left {when}: it is on {await keys.FocusedAsync()}");
}
