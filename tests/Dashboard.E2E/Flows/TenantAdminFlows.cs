using System.Text.RegularExpressions;
using Dashboard.E2E.Infrastructure;

namespace Dashboard.E2E.Flows;

/// <summary>Ops add a customer at runtime on /ops/tenants, open it, disable it, and its pages say so plainly.</summary>
public sealed class TenantAdminFlows(DashboardApp app, BrowserSession browser) : E2ETest(app, browser)
{
    [Fact]
    public async Task Ops_add_a_sandbox_tenant_open_its_users_then_disable_it_and_its_pages_say_so()
    {
        // Last in id order, so flows that take the first tenants of the list still get the demo ones.
        var id = "zz-trial-" + Guid.NewGuid().ToString("N")[..6];
        var file = Path.Combine(Path.GetTempPath(), $"dashboard-e2e-{id}.db");
        var page = await OpenAsync("/ops/tenants", DemoAccounts.Ops);

        await page.GetByRole(AriaRole.Button, new() { Name = "Add tenant" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Tenant id").FillAsync(id);
        await dialog.GetByLabel("Display name").FillAsync("Trial customer");
        await dialog.GetByLabel("ConnectionString (secret)").FillAsync($"Data Source={file}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add tenant" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = id }).First).ToContainTextAsync($"Tenant {id} added");

        await GoToAsync(page, $"/t/{id}/users");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);

        await GoToAsync(page, "/ops/tenants");
        await page.GetByLabel("Search id or name").FillAsync(id);
        // The search is debounced: act once the table shows only this tenant, not on the rows being replaced.
        await Assertions.Expect(page.GetByText("1–1 of 1")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Disable {id}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = id }).First).ToContainTextAsync($"Tenant {id} disabled");

        await GoToAsync(page, $"/t/{id}/users");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "disabled" }))
            .ToContainTextAsync(new Regex($"Tenant {Regex.Escape(id)} is disabled: its data cannot be read or changed until Ops enable it again"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "See all tenants" })).ToBeVisibleAsync();
    }
}
