using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Core.Access;
using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Tests.Pages;

/// <summary>
/// Every tenant page resolves its tenant through the page base: an unknown tenant is named with a way back, a
/// tenant without a grant gets the forbidden notice and nothing of the page, and the page loads only for a tenant
/// the person may open, with the person's own store.
/// </summary>
public sealed class TenantPageBaseTests : DashboardTestContext
{
    public static TheoryData<string> TenantPages => ["users", "user", "order"];

    /// <summary>A tenant page by kind, for <paramref name="tenant"/>; the user and order ids are well-formed, but the tenant decides first.</summary>
    private static RenderFragment Page(string kind, string tenant) => builder =>
    {
        builder.OpenComponent(0, kind switch { "users" => typeof(Users), "user" => typeof(UserDetail), _ => typeof(OrderDetail) });
        builder.AddComponentParameter(1, nameof(Users.Tenant), tenant);
        if (kind == "user") builder.AddComponentParameter(2, nameof(UserDetail.UserId), "01ARZ3NDEKTSV4RRFFQ69G5FAV");
        if (kind == "order") builder.AddComponentParameter(2, nameof(OrderDetail.OrderId), "01ARZ3NDEKTSV4RRFFQ69G5FAV");
        builder.CloseComponent();
    };

    [Theory]
    [MemberData(nameof(TenantPages))]
    public void An_unknown_tenant_is_named_with_a_link_to_all_tenants(string kind)
    {
        RenderProviders();
        var cut = Render(Page(kind, "nope"));

        cut.WaitForAssertion(() => Assert.Contains("There is no tenant named “nope”.", cut.Find("[role=alert]").TextContent));
        Assert.Equal("/", cut.Find("[role=alert] a").GetAttribute("href"));
        Assert.DoesNotContain("Forbidden", cut.Markup);
    }

    [Theory]
    [MemberData(nameof(TenantPages))]
    public void A_tenant_without_a_grant_shows_the_forbidden_notice_and_nothing_of_the_page(string kind)
    {
        SignInAs(Role.Support, "acme");

        RenderProviders();
        var cut = Render(Page(kind, TenantId));

        cut.WaitForAssertion(() => Assert.Equal("Forbidden", cut.Find("h1").TextContent.Trim()));
        Assert.Single(cut.FindAll("h1"));
        Assert.Contains("You have no access to tenant 'sandbox'.", cut.Find("[role=alert]").TextContent);
        Assert.Empty(cut.FindAll(".mud-breadcrumbs, form, table"));
        Assert.DoesNotContain("Sandbox", cut.Markup);
    }

    [Fact]
    public void An_unknown_tenant_without_a_grant_is_forbidden_so_the_page_does_not_tell_which_tenants_exist()
    {
        SignInAs(Role.Viewer, "acme");

        var cut = Render<TenantProbePage>(p => p.Add(x => x.Tenant, "nope"));

        Assert.Equal("Forbidden", cut.Find("h1").TextContent.Trim());
        Assert.Contains("You have no access to tenant 'nope'.", cut.Markup);
        Assert.DoesNotContain("There is no tenant", cut.Markup);
        Assert.Empty(cut.Instance.Loads);
    }

    [Fact]
    public void An_unknown_tenant_keeps_the_pages_header_and_never_loads_the_page()
    {
        var cut = Render<TenantProbePage>(p => p.Add(x => x.Tenant, "nope"));

        Assert.Equal("Probe of nope", cut.Find("h1").TextContent);
        Assert.Contains("There is no tenant named “nope”.", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=probe]"));
        Assert.Empty(cut.Instance.Loads);
    }

    [Theory]
    [InlineData(Role.Ops, "may write")]
    [InlineData(Role.Support, "may write")]
    [InlineData(Role.Viewer, "read only")]
    public void A_granted_tenant_is_resolved_with_its_name_product_and_what_the_person_may_do(Role role, string may)
    {
        SignInAs(role, TenantId);

        var cut = Render<TenantProbePage>(p => p.Add(x => x.Tenant, TenantId));

        Assert.Equal($"Sandbox · SQLite sandbox · {may}", cut.Find("[data-testid=probe]").TextContent);
        var scope = Assert.Single(cut.Instance.Loads);
        Assert.Equal((TenantId, "Sandbox", "SQLite sandbox"), (scope.Id, scope.DisplayName, scope.ProductName));
    }

    [Fact]
    public void The_tenant_is_resolved_once_and_again_only_when_the_route_names_another()
    {
        var cut = Render<TenantProbePage>(p => p.Add(x => x.Tenant, TenantId).Add(x => x.Visit, 1));

        cut.Render(p => p.Add(x => x.Visit, 2));
        cut.Render(p => p.Add(x => x.Tenant, "broken"));

        var loads = cut.Instance.Loads;
        Assert.Equal([TenantId, TenantId, "broken"], loads.Select(s => s.Id));
        Assert.Same(loads[0], loads[1]);
        Assert.Equal("Broken · SQLite sandbox · may write", cut.Find("[data-testid=probe]").TextContent);
    }

    [Fact]
    public async Task The_scopes_store_acts_for_the_signed_in_person()
    {
        SignInAs(Role.Viewer, TenantId);
        var cut = Render<TenantProbePage>(p => p.Add(x => x.Tenant, TenantId));
        var store = cut.Instance.Loads[0].Store;

        Assert.NotNull(await store.FindUserByEmailAsync("ada@example.com", Ct));
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => store.CreateUserAsync(new NewUser("viewer-made@example.com", "Viewer Made"), Ct));
        Assert.Equal(AccessDenied.ViewerReason, refused.Message);
        Assert.Null(await Store.FindUserByEmailAsync("viewer-made@example.com", Ct));
    }
}
