using Bunit;
using Dashboard.Core.Alerts;
using Dashboard.Core.Compare;
using Dashboard.Operations.Compare;
using Dashboard.Operations.Costs;
using Dashboard.Operations.Metering;
using Dashboard.Operations.Metering.Rolling;
using Microsoft.Extensions.DependencyInjection;
using ComparePage = Dashboard.Components.Pages.Ops.Compare;
using CompareResultView = Dashboard.Components.Pages.Ops.CompareResultView;

namespace Dashboard.Tests.Pages;

/// <summary>
/// /ops/compare over the real sandbox provider (SQLite files) and the real app store: a short run shows its live
/// lanes, then a result row per provider with the article's columns labelled, is kept and exportable, and leaves
/// no scratch file; a run held elsewhere in the fleet is refused in one sentence.
/// </summary>
public sealed class ComparePageTests : DashboardTestContext
{
    public ComparePageTests()
    {
        Services.AddSingleton(new RollingStore(TimeProvider.System, new ThrottleLog()));
        Services.AddOptions<PricingOptions>();
        Services.AddSingleton<ScratchTenants>();
        Services.AddSingleton<CompareMixes>();
        Services.AddSingleton<CompareRunner>();
        Services.AddSingleton<CompareService>();
    }

    private IRenderedComponent<ComparePage> RenderPage()
    {
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var cut = Render<ComparePage>();
        cut.WaitForAssertion(() => Assert.Contains("Run a comparison", cut.Markup));
        return cut;
    }

    [Fact]
    public async Task A_short_run_shows_a_row_per_provider_with_the_articles_columns_and_is_kept()
    {
        var cut = RenderPage();
        Assert.Contains("SQLite sandbox (beside ", cut.Markup);
        cut.Field("Duration (s)").Change("5");
        cut.Field("Rate (calls/s)").Change("20");

        cut.Button("Start comparison").Click();
        cut.WaitForAssertion(() => Assert.Contains("Running:", cut.Markup));
        Assert.True(cut.Button("Start comparison").HasAttribute("disabled"));
        var job = Services.GetRequiredService<CompareService>().Current!;
        var result = await job.Completion.WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.Equal(CompareStates.Completed, result!.State);
        cut.WaitForAssertion(() => Assert.Contains("Results:", cut.Markup), TimeSpan.FromSeconds(10));
        var measured = cut.Find("[aria-label='Measured by provider']");
        var rows = measured.QuerySelectorAll("tbody tr");
        Assert.Single(rows);
        Assert.Contains("SQLite sandbox", rows[0].TextContent);
        Assert.Contains("not covered by the article", rows[0].TextContent); // the article says nothing about the sandbox
        Assert.Contains("Provider (and what the seed article says, not measured)", measured.TextContent);
        Assert.True(result.Providers[0].Calls >= 50, $"{result.Providers[0].Calls} calls");
        cut.WaitForAssertion(() => Assert.Contains($"/ops/compare/{result.Id}.csv", cut.Find("[aria-label='Kept comparisons']").InnerHtml));
        Assert.Empty(await Services.GetRequiredService<ScratchTenants>().ListAsync(Ct));
        Assert.Empty(await Services.GetRequiredService<IScratchLedger>().ListAsync(Ct));
    }

    [Fact]
    public async Task A_run_going_on_in_another_instance_is_refused_in_one_sentence()
    {
        var lease = Services.GetRequiredService<IFleetLease>();
        Assert.True(await lease.TryAcquireAsync(CompareService.LeaseName, "dashboard-2", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), Ct));
        var cut = RenderPage();

        cut.Button("Start comparison").Click();

        cut.WaitForAssertion(() => Assert.Equal("Not started: another instance is running a comparison; try again when it has finished.",
            cut.Find("[data-testid='compare-notice']").TextContent.Trim()));
        Assert.False(cut.Button("Start comparison").HasAttribute("disabled"));
    }

    [Fact]
    public void A_providers_error_gets_a_full_width_row_of_its_own_under_the_providers_row()
    {
        var error = "preparing the scratch tenant failed: backend unavailable: cmpscratch_20261202065033557_dynamodb (DynamoDB): cannot connect "
            + "(ConnectionRefused) http://127.0.0.1:8000/some/very/long/address/without/any/spaces/in/it/at/all";
        var failed = Row("DynamoDb", "DynamoDB", error);
        var worked = Row("Sqlite", "SQLite sandbox", null) with { Calls = 134, OpsPerSecond = 26.5 };
        var result = new CompareResult("r1", "realistic", new Dictionary<string, double>(), 100, 392, 20, 5, "Olivia Ops", DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow, CompareStates.Completed, null, [failed, worked]);

        var cut = Render<CompareResultView>(p => p.Add(v => v.Result, result));

        var table = cut.Find("[aria-label='Measured by provider']");
        var columns = table.QuerySelectorAll("thead th").Length;
        var rows = table.QuerySelectorAll("tbody tr");
        Assert.Equal(3, rows.Length);
        // The provider's own row keeps its figures and not the error; the error row spans every column.
        Assert.Contains("DynamoDB", rows[0].TextContent);
        Assert.DoesNotContain("cannot connect", rows[0].TextContent);
        var errorCell = Assert.Single(rows[1].QuerySelectorAll("td"));
        Assert.Equal(columns.ToString(), errorCell.GetAttribute("colspan"));
        Assert.Contains("compare-error", errorCell.ClassList);
        Assert.Equal($"DynamoDB failed: {error}", errorCell.TextContent.Trim());
        // A provider that worked has no error row.
        Assert.Contains("SQLite sandbox", rows[2].TextContent);
        Assert.Single(cut.FindAll("[data-testid='compare-error']"));
    }

    private static ProviderResult Row(string kind, string name, string? error) =>
        new(kind, name, "basis", error is null ? CompareStates.Completed : CompareStates.Failed, error, 0, 0, 5, 0, new OperationLatency("all", 0, 0, 0, 0), [],
            0, 0, new Dictionary<string, double>(), null, null, "no calls measured", 0);
}
