using System.Text.RegularExpressions;
using Dashboard.E2E.Infrastructure;

namespace Dashboard.E2E.Flows;

/// <summary>An ops person watches throughput, throttling and cost move after real traffic.</summary>
public sealed class OpsFlows(DashboardApp app, BrowserSession browser) : E2ETest(app, browser)
{
    [Fact]
    public async Task A_forced_throttle_is_named_to_the_agent_and_shows_on_the_ops_pages_with_throughput_and_cost()
    {
        var dynamo = App.Tenants.First(t => t.ProviderKind == "DynamoDb").Id;
        var throttle = App.Backends.DynamoDbThrottle!;

        // DynamoDB answers every call with ProvisionedThroughputExceededException: the SDK and our layer retry, then give up.
        await throttle.SetShareAsync(1.0);
        var page = await OpenAsync($"/t/{dynamo}/users", DemoAccounts.Ops);
        var alert = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "throttling" });
        await Assertions.Expect(alert).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(alert).ToContainTextAsync("ProvisionedThroughputExceededException");

        await throttle.SetShareAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await Assertions.Expect(page.Locator("td[data-label=Email]")).ToHaveCountAsync(25);

        await GoToAsync(page, "/ops/throttling");
        var latest = page.GetByRole(AriaRole.Region, new() { Name = "Latest throttle events" });
        await Assertions.Expect(latest.Locator("td[data-label=Cause]").Filter(new() { HasText = "ProvisionedThroughputExceededException" }).First).ToBeVisibleAsync();
        await Assertions.Expect(latest.Locator("td[data-label=Tenant]").Filter(new() { HasText = dynamo }).First).ToBeVisibleAsync();

        await GoToAsync(page, "/ops/throughput");
        var table = page.GetByRole(AriaRole.Region, new() { Name = "Throughput by provider, tenant and operation" });
        var calls = await table.Locator("td[data-label=Calls]").AllInnerTextsAsync();
        Assert.Contains(calls, c => long.Parse(c, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture) > 0);
        await Assertions.Expect(table).ToContainTextAsync(dynamo);

        await GoToAsync(page, "/ops/cost");
        var dynamoCost = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex($"^Estimated cost of tenant {dynamo} on") });
        await Assertions.Expect(dynamoCost.Locator("td[data-label=Quantity]").Filter(new() { HasTextRegex = new Regex(@"[1-9][\d,.]* (RCU|RRU|read)") }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("cost-window")).Not.ToHaveTextAsync("$0.00");
    }

    [Fact]
    public async Task The_ops_tenant_filter_is_a_typeahead_that_finds_a_tenant_by_part_of_its_id()
    {
        var tenant = App.Tenants[^1];
        var page = await OpenAsync("/ops/throughput", DemoAccounts.Ops);
        var filter = page.GetByRole(AriaRole.Combobox, new() { Name = "Filter by tenant" });

        await filter.FillAsync(tenant.Id[1..^1]);
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex(Regex.Escape(tenant.Id)) }).First.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/ops/throughput\\?tenant={Regex.Escape(tenant.Id)}$"));
    }
}
