using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Core.Access;
using Dashboard.Core.Tenants;
using Dashboard.Core.Tenants.Registry;
using Microsoft.Extensions.DependencyInjection;
using OpsTenants = Dashboard.Components.Pages.Ops.Tenants;

namespace Dashboard.Tests.Pages;

/// <summary>
/// /ops/tenants and its dialog over the real registry in the app store: the list with each tenant's state, secrets
/// shown only as set (never their value), refusals beside the field they are about, and a disabled tenant's pages
/// saying so plainly.
/// </summary>
public sealed class TenantsAdminPageTests : DashboardTestContext
{
    private TenantRegistrySync Sync => Services.GetRequiredService<TenantRegistrySync>();

    private async Task<IRenderedComponent<OpsTenants>> RenderPageAsync()
    {
        await Sync.StartAsync(Ct); // seeds the registry from configuration, as the host does at start (the container stops it)
        RenderProviders();
        var cut = Render<OpsTenants>();
        cut.WaitForAssertion(() => Assert.Contains("(sandbox)", cut.Markup));
        return cut;
    }

    [Fact]
    public async Task The_list_shows_each_tenant_with_its_state_and_its_actions()
    {
        var cut = await RenderPageAsync();

        Assert.Equal("Manage tenants", cut.Find("h1").TextContent.Trim());
        var sandbox = cut.FindAll("tr").Single(r => r.TextContent.Contains("(sandbox)"));
        Assert.Contains("Enabled", sandbox.TextContent);
        Assert.NotNull(sandbox.QuerySelector("button[aria-label='Edit sandbox']"));
        Assert.NotNull(sandbox.QuerySelector("button[aria-label='Disable sandbox']"));
        cut.Button("Add tenant");
    }

    [Fact]
    public async Task A_stored_secret_is_shown_as_set_and_never_sent_to_the_browser_and_left_blank_it_is_kept()
    {
        var cut = await RenderPageAsync();
        var dialogs = RenderProviders();
        var stored = Services.GetRequiredService<TenantRegistry>().Get(TenantId).Settings["ConnectionString"]!;

        cut.Find("button[aria-label='Edit sandbox']").Click();
        dialogs.WaitForAssertion(() => dialogs.Button("Save"));

        Assert.Equal("", dialogs.Field("ConnectionString (secret)").GetAttribute("value") ?? "");
        Assert.Equal("password", dialogs.Field("ConnectionString (secret)").GetAttribute("type"));
        Assert.Equal("Set. Leave blank to keep the stored value.", dialogs.FieldMessage("ConnectionString (secret)"));
        Assert.DoesNotContain(stored, dialogs.Markup);
        dialogs.Type("Display name", "Sandbox, renamed");
        dialogs.Find("form#tenant-form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Tenant sandbox saved", cut.Markup));
        var saved = Services.GetRequiredService<TenantRegistry>().Get(TenantId);
        Assert.Equal(("Sandbox, renamed", stored), (saved.DisplayName, saved.Settings["ConnectionString"]));
    }

    [Fact]
    public async Task A_new_tenant_the_startup_checks_refuse_shows_why_beside_the_fields_and_is_not_added()
    {
        var cut = await RenderPageAsync();
        var dialogs = RenderProviders();

        cut.Button("Add tenant").Click();
        dialogs.WaitForAssertion(() => dialogs.Button("Add tenant"));
        dialogs.Type("Tenant id", "Not An Id");
        dialogs.Find("form#tenant-form").Submit();

        dialogs.WaitForAssertion(() => Assert.StartsWith("Id must be lower-case letters", dialogs.FieldMessage("Tenant id")));
        Assert.StartsWith("Settings:ConnectionString is required", dialogs.FieldMessage("ConnectionString (secret)"));
        Assert.Null(Services.GetRequiredService<TenantRegistry>().Find("Not An Id"));
    }

    [Fact]
    public async Task Disabling_a_tenant_says_so_on_the_list_and_its_pages_explain_it_plainly()
    {
        var cut = await RenderPageAsync();

        cut.Find("button[aria-label='Disable sandbox']").Click();

        cut.WaitForAssertion(() => Assert.Contains("Tenant sandbox disabled", cut.Markup));
        var row = cut.FindAll("tr").Single(r => r.TextContent.Contains("(sandbox)"));
        Assert.Contains("Disabled", row.TextContent);
        Assert.NotNull(row.QuerySelector("button[aria-label='Enable sandbox']"));
        var users = Render<Users>(p => p.Add(x => x.Tenant, TenantId));
        users.WaitForAssertion(() => Assert.Contains(
            "Tenant sandbox is disabled: its data cannot be read or changed until Ops enable it again.", users.Find("[role=alert]").TextContent));
    }

    [Fact]
    public async Task People_other_than_ops_are_refused_by_the_service_whatever_the_page_shows()
    {
        await Sync.StartAsync(Ct);
        SignInAs(Role.Support, TenantId);
        var admin = Services.CreateScope().ServiceProvider.GetRequiredService<TenantAdmin>();

        var refused = await Assert.ThrowsAsync<Dashboard.Core.Errors.ForbiddenException>(() => admin.GetAsync(TenantId, Ct));
        Assert.Equal("Only Ops may add, change, disable or enable tenants.", refused.Message);
    }
}
