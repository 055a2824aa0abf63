using System.Text.RegularExpressions;
using Bunit;
using Dashboard.Components.Pages.Ops;
using Dashboard.Core.Stores;
using Dashboard.Operations;
using Dashboard.Operations.Metering.Rolling;
using Dashboard.Services;
using Dashboard.Tests.Metering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Pages;

/// <summary>
/// The ops pages list the fleet by provider, then one page of tenants at a time: sorted by a figure, searchable,
/// paged, with a link to the whole list as CSV. Sixty tenants ("c00".."c59") made calls; tenant cNN made NN + 100
/// (more than "sandbox", whose seeding went through the metering too, so it is the 61st tenant and the quietest).
/// </summary>
public sealed class OpsTopTenantsPageTests : DashboardTestContext
{
    private const int Tenants = 60;

    public OpsTopTenantsPageTests()
    {
        Services.AddDashboardOperations(new ConfigurationBuilder().Build());
        // Not interactive: no auto-refresh timer rebuilding the figures mid-test.
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));
    }

    private static string Id(int i) => $"c{i:00}";

    private void RecordCalls(Func<int, (string Cause, bool Retried)[]>? throttles = null)
    {
        var store = Services.GetRequiredService<RollingStore>();
        for (var i = 0; i < Tenants; i++)
            for (var call = 0; call < i + 100; call++)
            {
                var op = call % 2 == 0 ? StoreOperation.GetUser : StoreOperation.ListUsers;
                store.Record(Calls.Finished(Calls.Series(Id(i), "DynamoDB", op), 5, throttles: call == 0 ? throttles?.Invoke(i) : null));
            }
    }

    private static IReadOnlyList<string> TenantRows(IRenderedComponent<Throughput> cut) =>
        cut.FindAll("[aria-label='Throughput by provider, tenant and operation'] td[data-label=Name] strong").Select(s => s.TextContent.Trim()).ToList();

    [Fact]
    public void Throughput_shows_the_provider_first_then_the_ten_busiest_tenants_and_pages_through_the_rest()
    {
        RecordCalls();
        RenderProviders();
        var cut = Render<Throughput>();

        cut.WaitForAssertion(() => Assert.Equal(Enumerable.Range(50, 10).Reverse().Select(Id), TenantRows(cut)));
        var providers = cut.FindAll("[aria-label='Throughput by provider'] tbody tr");
        Assert.Contains(providers, r => r.TextContent.Contains("DynamoDB") && r.TextContent.Contains((Tenants * (Tenants - 1) / 2 + Tenants * 100).ToString("N0")));
        Assert.Equal($"10 of {Tenants + 1} tenants", cut.Find("[data-testid=top-tenants-count]").TextContent.Trim());
        // Each tenant on the page is followed by its operations, and only this page's tenants are rendered.
        Assert.Contains("list_users", cut.Find("[aria-label='Throughput by provider, tenant and operation']").TextContent);
        Assert.DoesNotContain(">c49<", cut.Markup);

        cut.Find("[aria-label='Pages of tenants'] button[aria-label='Page 2']").Click();
        cut.WaitForAssertion(() => Assert.Equal(Enumerable.Range(40, 10).Reverse().Select(Id), TenantRows(cut)));

        // Seven pages, each tenant exactly once.
        var seen = new List<string>();
        for (var page = 1; page <= 7; page++)
        {
            cut.Find($"[aria-label='Pages of tenants'] button[aria-label='Page {page}']").Click();
            seen.AddRange(TenantRows(cut));
        }
        Assert.Equal(Enumerable.Range(0, Tenants).Reverse().Select(Id).Append("sandbox"), seen);
    }

    [Fact]
    public void Throughput_searches_tenant_ids_and_sorts_by_tenant_id_and_the_export_link_carries_both()
    {
        RecordCalls();
        RenderProviders();
        var cut = Render<Throughput>();
        cut.WaitForAssertion(() => Assert.Equal(10, TenantRows(cut).Count));

        cut.Find(".top-tenants-bar input").Input("c1");
        cut.WaitForAssertion(() => Assert.Equal(Enumerable.Range(10, 10).Reverse().Select(Id), TenantRows(cut)));
        Assert.Equal("10 of 10 tenants", cut.Find("[data-testid=top-tenants-count]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[aria-label='Pages of tenants']"));

        cut.Find(".top-tenants-bar input").Input("");
        var bar = cut.FindComponent<TopTenantsBar<TenantThroughput>>().Instance;
        cut.InvokeAsync(() => bar.QueryChanged.InvokeAsync(bar.Query with { Sort = TopTenantsQuery.ByTenant, Ascending = true }));
        cut.WaitForAssertion(() => Assert.Equal(Enumerable.Range(0, 10).Select(Id), TenantRows(cut)));

        cut.Find("button[aria-label='Sorted ascending; sort descending']").Click();
        cut.WaitForAssertion(() => Assert.Equal(Enumerable.Range(51, 9).Reverse().Select(Id).Prepend("sandbox"), TenantRows(cut)));
        var export = cut.FindAll("a").Single(a => a.TextContent.Contains("Export all (CSV)")).GetAttribute("href");
        Assert.Equal("/ops/export/throughput.csv?window=15m&sort=tenant", export);
    }

    [Fact]
    public void Throttling_lists_providers_then_the_most_throttled_tenants_a_page_at_a_time()
    {
        // Tenant cNN met NN throttles on its first call ("c00" none): retried, and one surfaced from c30 on.
        RecordCalls(i => Enumerable.Range(0, i).Select(n => ("ProvisionedThroughputExceededException", !(i >= 30 && n == 0))).ToArray());
        RenderProviders();
        var cut = Render<Throttling>();

        IReadOnlyList<string> Listed() => cut.FindAll("[aria-label='Throttle events by provider, tenant, operation and cause'] td[data-label=Tenant]").Select(t => t.TextContent.Trim()).ToList();
        cut.WaitForAssertion(() => Assert.Equal(Enumerable.Range(50, 10).Reverse().Select(Id), Listed()));
        Assert.Equal("10 of 59 tenants", cut.Find("[data-testid=top-tenants-count]").TextContent.Trim());
        var provider = cut.Find("[aria-label='Throttle events by provider'] tbody tr");
        Assert.Contains("59", provider.QuerySelector("td[data-label='Tenants throttled']")!.TextContent);

        var bar = cut.FindComponent<TopTenantsBar<TenantThrottles>>().Instance;
        cut.InvokeAsync(() => bar.QueryChanged.InvokeAsync(new TopTenantsQuery(Sort: "surfaced", Search: "c2")));
        // Surfaced: c30+ have one each, c2x none; ties go by tenant id.
        cut.WaitForAssertion(() => Assert.Equal(Enumerable.Range(20, 10).Select(Id), Listed()));
    }
}
