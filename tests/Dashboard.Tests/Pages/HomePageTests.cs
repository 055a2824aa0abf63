using Bunit;
using Dashboard.Components.Pages;

namespace Dashboard.Tests.Pages;

public sealed class HomePageTests : DashboardTestContext
{
    [Fact]
    public void Every_tenant_is_listed_with_its_backend_and_live_health()
    {
        var cut = Render<Home>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".mud-chip").Count), TimeSpan.FromSeconds(10));
        var rows = cut.FindAll("[aria-label='Tenants and backend health'] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Sandbox") && r.Contains("SQLite sandbox") && r.Contains("Reachable"));
        Assert.Contains(rows, r => r.Contains("Broken") && r.Contains("Unavailable"));
        Assert.Equal("/t/sandbox/users", cut.Find("a[href='/t/sandbox/users']").GetAttribute("href"));
    }
}
