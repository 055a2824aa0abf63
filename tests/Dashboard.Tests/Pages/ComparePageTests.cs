using Bunit;
using Dashboard.Core.Alerts;
using Dashboard.Core.Compare;
using Dashboard.Operations.Compare;
using Dashboard.Operations.Costs;
using Dashboard.Operations.Metering;
using Dashboard.Operations.Metering.Rolling;
using Microsoft.Extensions.DependencyInjection;
using ComparePage = Dashboard.Components.Pages.Ops.Compare;

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
}
