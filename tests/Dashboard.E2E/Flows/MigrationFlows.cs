using System.Text.RegularExpressions;
using Dashboard.E2E.Infrastructure;
using Dashboard.E2E.PageObjects;

namespace Dashboard.E2E.Flows;

/// <summary>
/// Ops move the sandbox to a scratch SQLite file on /ops/migrations and cut over; an agent then edits an order on the
/// new backend and its history from before the move is still there. Rolled back at the end, so the flows after
/// this one find the sandbox where configuration puts it.
/// </summary>
public sealed class MigrationFlows(DashboardApp app, BrowserSession browser) : E2ETest(app, browser)
{
    [Fact]
    public async Task Ops_migrate_the_sandbox_and_cut_over_then_an_agent_edits_an_order_whose_history_survived()
    {
        var target = Path.Combine(Path.GetTempPath(), $"dashboard-e2e-moved-{Guid.NewGuid():N}.db");
        // Before the move: an agent's edit, which the history records.
        var agent = new UsersPage(await OpenAsync("/t/sandbox/users", DemoAccounts.SupportFor("sandbox")));
        await agent.SearchAsync("ada@example.com");
        await agent.OpenUserAsync("ada@example.com");
        await new UserPage(agent.Page).OpenNewestOrderAsync();
        var orderUrl = agent.Page.Url;
        var order = new OrderPage(agent.Page);
        await order.AddItemAsync("SKU-BEFORE", "Added before the move", 1, 3m);
        await order.SaveAsync();
        await order.ExpectSavedAsync();
        var history = agent.Page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^History of order") });
        await Assertions.Expect(history).ToContainTextAsync("Added before the move");

        var ops = await OpenAsync("/ops/migrations", DemoAccounts.Ops);
        // Within the form: the top bar's tenant switcher is labelled "Tenant" too.
        var form = ops.GetByRole(AriaRole.Region, new() { Name = "Migrate a tenant" });
        await form.GetByLabel("Tenant", new() { Exact = true }).FillAsync("sandbox");
        await ops.GetByRole(AriaRole.Option, new() { NameRegex = new Regex(@"\(sandbox\)$") }).ClickAsync();
        await form.GetByLabel("Target provider").SelectOptionAsync("Sqlite");
        await form.GetByLabel("Target settings (key=value, one a line)").FillAsync($"ConnectionString=Data Source={target}");
        await ops.GetByRole(AriaRole.Button, new() { Name = "Show plan" }).ClickAsync();
        await Assertions.Expect(ops.GetByTestId("migration-plan")).ToContainTextAsync("users and about");
        await ops.GetByRole(AriaRole.Button, new() { Name = "Start migration" }).ClickAsync();
        var row = ops.GetByRole(AriaRole.Row).Filter(new() { HasText = "sandbox" });
        await Assertions.Expect(row).ToContainTextAsync("verified", new() { Timeout = 120_000 });
        await ops.GetByRole(AriaRole.Button, new() { Name = "Cut over sandbox" }).ClickAsync();
        await Assertions.Expect(ops.GetByTestId("migration-notice")).ToContainTextAsync("sandbox is on Sqlite now", new() { Timeout = 120_000 });

        try
        {
            // After the move, on the new backend: the same order, edited again, with its history from before.
            await GoToAsync(agent.Page, orderUrl);
            await order.AddItemAsync("SKU-AFTER", "Added after the move", 1, 2m);
            await order.SaveAsync();
            await order.ExpectSavedAsync();
            await Assertions.Expect(history).ToContainTextAsync("Added after the move");
            await Assertions.Expect(history).ToContainTextAsync("Added before the move");
            Assert.True(new FileInfo(target).Length > 0);
        }
        finally
        {
            await GoToAsync(ops, "/ops/migrations");
            await ops.GetByRole(AriaRole.Button, new() { Name = "Roll back sandbox" }).ClickAsync();
            await Assertions.Expect(ops.GetByTestId("migration-notice")).ToContainTextAsync("sandbox is back on its previous backend", new() { Timeout = 120_000 });
        }
    }
}
