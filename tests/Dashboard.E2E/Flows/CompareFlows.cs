using Dashboard.E2E.Infrastructure;

namespace Dashboard.E2E.Flows;

/// <summary>Ops run a short comparison on /ops/compare and see a measured row for every configured provider.</summary>
public sealed class CompareFlows(DashboardApp app, BrowserSession browser) : E2ETest(app, browser)
{
    [Fact]
    public async Task Ops_run_a_short_comparison_and_see_a_row_per_provider()
    {
        var ops = await OpenAsync("/ops/compare", DemoAccounts.Ops);
        var form = ops.GetByRole(AriaRole.Region, new() { Name = "Run a comparison" });
        await form.GetByLabel("Size").SelectOptionAsync("100");
        await form.GetByLabel("Rate (calls/s)").SelectOptionAsync("20");
        await form.GetByLabel("Duration (s)").SelectOptionAsync("5");
        await ops.GetByRole(AriaRole.Button, new() { Name = "Start comparison" }).ClickAsync();

        var measured = ops.GetByRole(AriaRole.Region, new() { Name = "Measured by provider" });
        await Assertions.Expect(measured).ToBeVisibleAsync(new() { Timeout = 180_000 });
        var rows = measured.GetByRole(AriaRole.Row);
        foreach (var provider in new[] { "DynamoDB", "PlanetScale", "Fauna", "SQLite sandbox" })
            await Assertions.Expect(rows.Filter(new() { HasText = provider })).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToHaveCountAsync(5); // the header and four providers
        await Assertions.Expect(measured).Not.ToContainTextAsync("failed");
        await Assertions.Expect(ops.GetByRole(AriaRole.Region, new() { Name = "Kept comparisons" }).GetByRole(AriaRole.Link, new() { NameRegex = new("^CSV of comparison") }))
            .ToHaveCountAsync(1);
    }
}
