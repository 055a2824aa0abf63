using System.Text;
using System.Text.RegularExpressions;
using Dashboard.Core.Domain;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.E2E.Infrastructure;
using Dashboard.E2E.PageObjects;

namespace Dashboard.E2E.Flows;

/// <summary>The orders workspace as a support agent uses it, on every tenant: filter, jump, export, bulk change.</summary>
public sealed class OrdersWorkspaceFlows(DashboardApp app, BrowserSession browser) : E2ETest(app, browser)
{
    [Theory]
    [MemberData(nameof(TenantCases.All), MemberType = typeof(TenantCases))]
    public async Task Agent_filters_pending_jumps_to_an_order_exports_and_moves_three_in_bulk_while_one_is_edited(string tenant)
    {
        var store = App.Store(tenant);
        var ada = await store.FindUserByEmailAsync("ada@example.com", Ct) ?? throw new InvalidOperationException("no ada");
        var fresh = new List<Order>();
        for (var i = 0; i < 3; i++)
            fresh.Add(await store.CreateOrderAsync(new NewOrder(ada.Id, "USD", [new OrderItem("SKU-BULK", "Bulk-tested widget", 1 + i, 2m)]), Ct));
        var newestFirst = fresh.Select(o => o.Id).Reverse().ToList();

        // Filter Pending: the three new orders are the newest Pending ones.
        var page = await OpenAsync($"/t/{tenant}/orders", DemoAccounts.SupportFor(tenant));
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Status" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("^Pending") }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/t/{tenant}/orders\\?status=Pending$"));
        await Assertions.Expect(page.Locator("td[data-label=Order]").First).ToHaveTextAsync(newestFirst[0]);
        Assert.Equal(newestFirst, (await page.Locator("td[data-label=Order]").AllTextContentsAsync()).Take(3).Select(t => t.Trim()));
        Assert.All(await page.Locator("td[data-label=Status]").AllTextContentsAsync(), s => Assert.Equal("Pending", s.Trim()));

        // Paste an order id into the jump box: the order opens; back returns to the filtered list.
        await page.Keyboard.PressAsync("/");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Order id, email or user id" }).FillAsync(newestFirst[1]);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/t/{tenant}/orders/{newestFirst[1]}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex($"Order {newestFirst[1]}") })).ToBeVisibleAsync();
        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/t/{tenant}/orders\\?status=Pending$"));
        await Assertions.Expect(page.Locator("td[data-label=Order]").First).ToHaveTextAsync(newestFirst[0]);

        // Export the Pending orders: every one of them, and nothing else.
        await page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync();
        // The download starts when the export's first rows are read. Once, in a full run on a loaded 2-core machine, it
        // had not started after 20 s (it passed alone); this flow checks what the export holds, not how fast it starts.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync(),
            new PageRunAndWaitForDownloadOptions { Timeout = 60_000 });
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!, Ct)).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var expected = new List<string>();
        await foreach (var listed in ListingPages.AllAsync((p, c) => store.ListTenantOrdersAsync(new OrderQuery(OrderStatus.Pending), p, c), 100, Ct))
            expected.AddRange(listed.Items.Select(o => o.Id));
        Assert.Equal("id,user_id,status,item_count,total,currency,created_at,updated_at", lines[0]);
        Assert.Equal(expected, lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.All(lines.Skip(1), l => Assert.Equal("Pending", l.Split(',')[2]));
        await Assertions.Expect(page.GetByText(new Regex($"Done: {expected.Count:N0} rows exported"))).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        // Select the three; meanwhile someone else edits one of them in their own browser.
        foreach (var id in newestFirst) await page.GetByRole(AriaRole.Checkbox, new() { Name = $"Select order {id}" }).CheckAsync();
        var other = new OrderPage(await OpenAsync($"/t/{tenant}/orders/{newestFirst[2]}", DemoAccounts.Ops));
        await other.SetQuantityAsync(1, 9);
        await other.SaveAsync();
        await other.ExpectSavedAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Change status of 3 selected" }).ClickAsync();
        await page.GetByRole(AriaRole.Combobox, new() { Name = "New status" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Processing", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Change status", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("3 of 3 done: 2 updated, 1 conflict")).ToBeVisibleAsync();
        var results = page.GetByRole(AriaRole.Region, new() { Name = "Results of the status change" });
        await Assertions.Expect(results.Locator("tr", new() { HasText = newestFirst[2] })).ToContainTextAsync("Conflict");

        Assert.Equal(OrderStatus.Processing, (await store.GetOrderAsync(newestFirst[0], Ct)).Status);
        Assert.Equal(OrderStatus.Processing, (await store.GetOrderAsync(newestFirst[1], Ct)).Status);
        var edited = await store.GetOrderAsync(newestFirst[2], Ct);
        Assert.Equal((OrderStatus.Pending, 9), (edited.Status, edited.Items[0].Quantity));
    }
}
