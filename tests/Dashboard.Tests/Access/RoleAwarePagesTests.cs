using Bunit;
using Dashboard.Components.Layout;
using Dashboard.Components.Pages;
using Dashboard.Core.Access;
using Dashboard.Core.Domain;
using Dashboard.Tests.Pages;
using Dashboard.Tests.Tenants;

namespace Dashboard.Tests.Access;

/// <summary>What each role sees: read-only forms with the reason, nav and tenant lists limited to what they may open, and history.</summary>
public sealed class RoleAwarePagesTests : DashboardTestContext
{
    private const string ReadOnly = "Read-only: viewers cannot change data.";

    [Fact]
    public void A_viewer_sees_the_users_list_without_New_user_and_with_the_reason()
    {
        SignInAs(Role.Viewer, TenantId);
        RenderProviders();
        var cut = Render<Users>(p => p.Add(x => x.Tenant, TenantId));
        cut.WaitForAssertion(() => Assert.Contains("ada@example.com", cut.Markup));

        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "New user");
        Assert.Contains(ReadOnly, cut.Markup);
    }

    [Fact]
    public async Task A_viewer_sees_a_user_read_only_with_no_Save_and_no_New_order()
    {
        SignInAs(Role.Viewer, TenantId);
        var ada = (await Store.FindUserByEmailAsync("ada@example.com", Ct))!;
        RenderProviders();
        var cut = Render<UserDetail>(p => p.Add(x => x.Tenant, TenantId).Add(x => x.UserId, ada.Id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[aria-label='Orders of ada@example.com'] tbody tr")));

        Assert.Contains(ReadOnly, cut.Markup);
        Assert.True(cut.Field("Name").HasAttribute("readonly"));
        Assert.True(cut.Field("Email").HasAttribute("readonly"));
        var buttons = cut.FindAll("button").Select(b => b.TextContent.Trim()).ToList();
        Assert.DoesNotContain("Save", buttons);
        Assert.DoesNotContain("New order", buttons);
    }

    [Fact]
    public async Task A_viewer_sees_an_order_read_only()
    {
        SignInAs(Role.Viewer, TenantId);
        var ada = (await Store.FindUserByEmailAsync("ada@example.com", Ct))!;
        var order = (await Store.ListOrdersAsync(ada.Id, new(1), Ct)).Items[0];
        RenderProviders();
        var cut = Render<OrderDetail>(p => p.Add(x => x.Tenant, TenantId).Add(x => x.OrderId, order.Id));
        cut.WaitForAssertion(() => Assert.Contains(ReadOnly, cut.Markup));

        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() is "Save" or "Add item");
        Assert.True(cut.Field("Quantity, line 1").HasAttribute("readonly"));
    }

    [Fact]
    public async Task Support_edits_and_the_user_page_shows_the_change_in_its_history()
    {
        SignInAs(Role.Support, TenantId);
        var ada = (await Store.FindUserByEmailAsync("ada@example.com", Ct))!;
        RenderProviders();
        var cut = Render<UserDetail>(p => p.Add(x => x.Tenant, TenantId).Add(x => x.UserId, ada.Id));
        cut.WaitForAssertion(() => Assert.Contains("No recorded changes yet", cut.Markup));
        Assert.DoesNotContain(ReadOnly, cut.Markup);

        cut.Type("Name", "Ada King");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() =>
        {
            var history = cut.Find($"[aria-label='History of user {ada.Id}']");
            Assert.Contains("Test Support", history.TextContent);
            Assert.Contains("Update", history.TextContent);
            Assert.Contains("Ada Lovelace", history.TextContent);
            Assert.Contains("Ada King", history.TextContent);
        });
    }

    [Fact]
    public void A_viewer_reaching_another_tenants_page_is_told_it_is_forbidden()
    {
        SignInAs(Role.Viewer, "acme");
        RenderProviders();
        var cut = Render<Users>(p => p.Add(x => x.Tenant, TenantId));
        cut.WaitForAssertion(() => Assert.Contains("You have no access to tenant 'sandbox'.", cut.Markup));
    }

    [Theory]
    [InlineData(Role.Ops, true)]
    [InlineData(Role.Support, false)]
    [InlineData(Role.Viewer, false)]
    public void Operations_and_the_audit_log_appear_in_the_nav_for_Ops_only(Role role, bool shown)
    {
        SignInAs(role, TenantId);
        var cut = Render<NavMenu>(p => p.Add(x => x.Tenant, TenantId));
        Assert.Equal(shown, cut.Markup.Contains("Audit log"));
        Assert.Equal(shown, cut.Markup.Contains("/ops/throughput"));
    }

    [Theory]
    [InlineData(Role.Ops, new[] { "sandbox", "broken" })]
    [InlineData(Role.Support, new[] { "sandbox" })]
    public void The_tenant_switcher_and_the_tenants_page_list_only_granted_tenants(Role role, string[] expected)
    {
        SignInAs(role, "sandbox");
        var switcher = Render<TenantSwitcher>(p => p.Add(x => x.CurrentTenant, TenantId));
        switcher.Type("b"); // "sandbox" and "broken" both hold a b
        Popovers.WaitForAssertion(() => Assert.Equal(expected.Length, Popovers.FindAll(".mud-list-item").Count));

        var home = Render<Home>();
        home.WaitForAssertion(() => Assert.Equal(expected.Length, home.FindAll("[aria-label='Tenants and backend health'] tbody tr").Count));
        Assert.Equal(expected.Contains("broken"), home.Markup.Contains("(broken)"));
    }

    [Fact]
    public void The_app_bar_names_the_person_and_offers_Sign_out_as_a_form_post()
    {
        SignInAs(Role.Support, TenantId);
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, b => b.AddContent(0, "page")));
        Assert.Contains("Test Support · Support", cut.Markup);
        var form = cut.Find("form[action='/logout']");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("Sign out", form.QuerySelector("button[type=submit]")!.TextContent.Trim());
    }
}
