using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Core.Tenants.Health;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Pages;

public sealed class HomePageTests : DashboardTestContext
{
    [Fact]
    public void Before_the_prober_has_run_tenants_show_as_not_checked_and_the_page_calls_no_backend()
    {
        var before = BackendCalls.Total;

        var cut = Render<Home>();

        var rows = Rows(cut);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Contains("Not checked yet", r));
        Assert.Equal(before, BackendCalls.Total);
    }

    [Fact]
    public async Task Health_comes_from_the_probers_cache_with_its_age_and_showing_it_calls_no_backend()
    {
        await Services.GetRequiredService<TenantHealthProber>().ProbeDueAsync(Ct);
        var before = BackendCalls.Total;

        var cut = Render<Home>();

        var rows = Rows(cut);
        Assert.Contains(rows, r => r.Contains("Sandbox") && r.Contains("SQLite sandbox") && r.Contains("Reachable") && r.Contains("s ago"));
        Assert.Contains(rows, r => r.Contains("Broken") && r.Contains("Unavailable") && r.Contains("s ago"));
        Assert.Equal("/t/sandbox/users", cut.Find("a[href='/t/sandbox/users']").GetAttribute("href"));
        Assert.Equal(before, BackendCalls.Total);
    }

    [Fact]
    public async Task The_health_filter_keeps_the_unavailable_tenant_only()
    {
        await Services.GetRequiredService<TenantHealthProber>().ProbeDueAsync(Ct);
        RenderProviders();
        var cut = Render<Home>();

        await cut.InvokeAsync(() => cut.FindComponents<MudBlazor.MudSelect<Dashboard.Services.HealthFilter>>()[0].Instance
            .ValueChanged.InvokeAsync(Dashboard.Services.HealthFilter.Unavailable));

        cut.WaitForAssertion(() => Assert.Equal(["Broken"], Rows(cut).Select(r => r.Split(' ')[0]).ToList()));
    }

    [Fact]
    public async Task An_open_page_shows_new_probe_results_without_being_asked()
    {
        var cut = Render<Home>();
        Assert.All(Rows(cut), r => Assert.Contains("Not checked yet", r));

        await Services.GetRequiredService<TenantHealthProber>().ProbeDueAsync(Ct);

        cut.WaitForAssertion(() =>
        {
            Assert.Contains(Rows(cut), r => r.Contains("Sandbox") && r.Contains("Reachable"));
            Assert.Contains(Rows(cut), r => r.Contains("Broken") && r.Contains("Unavailable"));
        }, TimeSpan.FromSeconds(10));
    }

    private static List<string> Rows(IRenderedComponent<Home> cut) =>
        cut.FindAll("[aria-label='Tenants and backend health'] tbody tr").Select(r => r.TextContent.Trim()).ToList();
}
