using Bunit;
using Dashboard.Components.Layout;
using Dashboard.Core.Access;
using Dashboard.Services;
using Dashboard.Tests.Pages;

namespace Dashboard.Tests.Layout;

/// <summary>
/// The menu renders again only when what it shows changes: a navigation that keeps the same link current (the users
/// list, a user, the list again) leaves it as it was, so the circuit keeps no second copy of its frames.
/// </summary>
public sealed class NavMenuTests : DashboardTestContext
{
    private string Current(IRenderedComponent<NavMenu> menu) => menu.Find("a.active").GetAttribute("href")!;

    [Fact]
    public void Another_path_under_the_current_link_does_not_render_it_again_another_link_does()
    {
        SignInAs(Role.Support, TenantId);
        var menu = Render<NavMenu>(p => p.Add(x => x.Tenant, TenantId).Add(x => x.Path, TenantRoutes.Users(TenantId)));
        Assert.Equal(TenantRoutes.Users(TenantId), Current(menu));

        menu.Render(p => p.Add(x => x.Path, TenantRoutes.User(TenantId, "u1")));
        menu.Render(p => p.Add(x => x.Path, TenantRoutes.Users(TenantId)));
        Assert.Equal(1, menu.RenderCount);

        menu.Render(p => p.Add(x => x.Path, TenantRoutes.Orders(TenantId)));
        Assert.Equal(2, menu.RenderCount);
        Assert.Equal(TenantRoutes.Orders(TenantId), Current(menu));

        menu.Render(p => p.Add(x => x.Path, "/"));
        Assert.Equal("/", Current(menu));
    }

    [Fact]
    public void Another_tenant_and_the_operations_toggle_still_render()
    {
        SignInAs(Role.Ops, TenantId);
        var menu = Render<NavMenu>(p => p.Add(x => x.Tenant, TenantId).Add(x => x.Path, TenantRoutes.Users(TenantId)));
        Assert.Contains("/ops/throughput", menu.Markup);

        menu.Find("button[aria-label='Toggle Operations']").Click();
        Assert.DoesNotContain("/ops/throughput", menu.Markup);
        Assert.Equal("false", menu.Find("button[aria-label='Toggle Operations']").GetAttribute("aria-expanded"));

        menu.Render(p => p.Add(x => x.Tenant, "acme").Add(x => x.Path, "/ops/cost"));
        Assert.Equal(TenantRoutes.Users("acme"), menu.Find("a[href$='/users']").GetAttribute("href"));
        Assert.Empty(menu.FindAll("a.active")); // the operations group is closed, so its current link is hidden
    }
}
