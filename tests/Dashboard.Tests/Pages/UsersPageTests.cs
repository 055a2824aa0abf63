using Bunit;
using Microsoft.AspNetCore.Components;
using Dashboard.Components.Pages;
using Dashboard.Core.Domain;
using Dashboard.Core.Stores;

namespace Dashboard.Tests.Pages;

public sealed class UsersPageTests : DashboardTestContext
{
    private IRenderedComponent<Users> RenderUsers(string tenant = TenantId, string? q = null, string? by = null, int? size = null)
    {
        RenderProviders();
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters($"/t/{tenant}/users",
            new Dictionary<string, object?> { ["q"] = q, ["by"] = by, ["size"] = size }));
        var cut = Render<Users>(p => p.Add(x => x.Tenant, tenant));
        cut.WaitForAssertion(() => Assert.DoesNotContain("Loading users", cut.Markup));
        return cut;
    }

    private static List<string> Emails(IRenderedComponent<Users> cut) =>
        cut.FindAll("[role=region] tbody td[data-label=Email]").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_first_page_shows_25_users_in_email_order_with_an_approximate_count()
    {
        var cut = RenderUsers();

        var expected = (await Store.ListUsersAsync(UserQuery.All, new(25), Ct)).Items.Select(u => u.Email);
        Assert.Equal(expected, Emails(cut));
        Assert.Contains("~60 users", cut.Markup);
        Assert.NotNull(cut.Find("[role=region][aria-label='Users of Sandbox']"));
    }

    [Fact]
    public void Next_then_previous_page_returns_the_same_rows()
    {
        var cut = RenderUsers();
        var first = Emails(cut);

        cut.Button("Next page").Click();
        cut.WaitForAssertion(() => Assert.Contains("Page 2", cut.Markup));
        var second = Emails(cut);
        cut.Button("Previous page").Click();
        cut.WaitForAssertion(() => Assert.Contains("Page 1", cut.Markup));

        Assert.Empty(first.Intersect(second));
        Assert.Equal(first, Emails(cut));
        Assert.Contains(Navigation.History, h => h.Uri.Contains("after="));
    }

    [Fact]
    public void The_estimate_stays_on_the_listings_later_pages()
    {
        var cut = RenderUsers();

        cut.Button("Next page").Click();
        cut.WaitForAssertion(() => Assert.Contains("Page 2", cut.Markup));

        Assert.Contains("~60 users", cut.Markup);
    }

    [Fact]
    public async Task Back_after_opening_a_user_shows_the_pages_number_and_previous_walks_back_through_the_pages_seen()
    {
        var cut = RenderUsers();
        cut.Button("Next page").Click();
        cut.WaitForAssertion(() => Assert.Contains("Page 2", cut.Markup));
        var second = Emails(cut);
        cut.Button("Next page").Click();
        cut.WaitForAssertion(() => Assert.Contains("Page 3", cut.Markup));
        var third = Emails(cut);
        var pageThree = Navigation.Uri;

        // A user opened (the page goes), then the back button: a new page on the same URL.
        await DisposeComponentsAsync();
        Navigation.NavigateTo(pageThree);
        var back = Render<Users>(p => p.Add(x => x.Tenant, TenantId));
        back.WaitForAssertion(() => Assert.Contains("Page 3 · 10 rows", back.Markup));
        Assert.Equal(third, Emails(back));

        back.Button("Previous page").Click();
        back.WaitForAssertion(() => Assert.Contains("Page 2", back.Markup));
        Assert.Equal(second, Emails(back));
    }

    [Fact]
    public async Task A_later_page_opened_anew_has_no_empty_toolbar_and_counts_from_itself()
    {
        var cut = RenderUsers();
        cut.Button("Next page").Click();
        cut.WaitForAssertion(() => Assert.Contains("Page 2", cut.Markup));
        var pageTwo = Navigation.Uri;

        // Another listing was shown since (a search), so the pager of the first one is not taken up again.
        cut.Type("Search", "ada@");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Equal(["ada@example.com"], Emails(cut)));
        await DisposeComponentsAsync();
        Navigation.NavigateTo(pageTwo);
        var opened = Render<Users>(p => p.Add(x => x.Tenant, TenantId));
        opened.WaitForAssertion(() => Assert.Contains("Page 1 · 25 rows", opened.Markup));

        Assert.Empty(opened.FindAll("[role=toolbar]"));
        Assert.False(opened.Button("Previous page").HasAttribute("disabled"));
    }

    [Fact]
    public void The_back_button_within_the_page_shows_the_earlier_pages_number()
    {
        var cut = RenderUsers();
        cut.Button("Next page").Click();
        cut.WaitForAssertion(() => Assert.Contains("Page 2", cut.Markup));
        var pageTwo = Navigation.Uri;
        var second = Emails(cut);
        cut.Button("Next page").Click();
        cut.WaitForAssertion(() => Assert.Contains("Page 3", cut.Markup));

        cut.InvokeAsync(() => Navigation.NavigateTo(pageTwo));

        cut.WaitForAssertion(() => Assert.Contains("Page 2 · 25 rows", cut.Markup));
        Assert.Equal(second, Emails(cut));
    }

    [Fact]
    public void The_last_page_disables_next()
    {
        var cut = RenderUsers(size: 50);

        cut.Button("Next page").Click();
        cut.WaitForAssertion(() => Assert.Equal(10, Emails(cut).Count));

        Assert.True(cut.Button("Next page").HasAttribute("disabled"));
        Assert.False(cut.Button("Previous page").HasAttribute("disabled"));
    }

    [Fact]
    public void Rows_per_page_come_from_the_url()
    {
        var cut = RenderUsers(size: 50);
        Assert.Equal(50, Emails(cut).Count);
    }

    [Fact]
    public void A_search_by_email_prefix_shows_only_matches()
    {
        var cut = RenderUsers(q: "ada");

        Assert.Equal(["ada@example.com"], Emails(cut));
        Assert.Contains("Emails starting with “ada”", cut.Markup);
    }

    [Fact]
    public void A_search_by_name_prefix_matches_names_ignoring_case()
    {
        var cut = RenderUsers(q: "ADA LOV", by: "name");

        Assert.Equal(["ada@example.com"], Emails(cut));
    }

    [Fact]
    public void The_search_field_offers_Clear_once_something_is_typed_and_Clear_empties_it()
    {
        var cut = RenderUsers();
        Assert.Empty(cut.FindAll("button[aria-label='Clear']"));

        cut.Type("Search", "ada@");
        Assert.Equal("ada@", cut.Field("Search").GetAttribute("value"));
        cut.Find("button[aria-label='Clear']").Click();

        Assert.Equal("", cut.Field("Search").GetAttribute("value") ?? "");
        Assert.Empty(cut.FindAll("button[aria-label='Clear']"));
    }

    [Fact]
    public void Submitting_the_search_form_puts_the_search_in_the_url_and_filters()
    {
        var cut = RenderUsers();

        cut.Type("Search", "ada@");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal(["ada@example.com"], Emails(cut)));
        Assert.EndsWith("/t/sandbox/users?q=ada%40", Navigation.Uri);
    }

    [Fact]
    public void A_search_without_matches_says_so()
    {
        var cut = RenderUsers(q: "zzz-nobody");

        Assert.Contains("No user matches “zzz-nobody”.", cut.Markup);
        Assert.Empty(Emails(cut));
    }

    [Fact]
    public void An_unknown_tenant_is_named_instead_of_crashing()
    {
        var cut = RenderUsers(tenant: "nope");

        Assert.Contains("There is no tenant named “nope”", cut.Markup);
    }

    [Fact]
    public void An_unavailable_backend_is_named_in_an_error_with_a_retry()
    {
        var cut = RenderUsers(tenant: "broken");

        var alert = cut.Find("[role=alert]");
        Assert.Contains("backend unavailable: broken (SQLite sandbox)", alert.TextContent);
        Assert.NotNull(cut.Button("Try again"));
    }

    [Fact]
    public async Task A_row_is_a_link_to_its_user()
    {
        var cut = RenderUsers(q: "ada");
        var ada = await Store.FindUserByEmailAsync("ada@example.com", Ct);

        // The link is stretched over the row by CSS; a click on the row in a browser is covered by the E2E suite.
        var row = cut.Find("[role=region] tbody tr");
        Assert.Contains("row-link", row.ClassList);
        Assert.Equal($"/t/sandbox/users/{ada!.Id}", Assert.Single(row.QuerySelectorAll("a")).GetAttribute("href"));
    }

    [Fact]
    public async Task The_new_user_dialog_shows_errors_beside_fields_and_stores_nothing()
    {
        var cut = RenderUsers();
        var dialogs = RenderProviders();

        cut.Button("New user").Click();
        dialogs.WaitForAssertion(() => dialogs.Button("Create user"));
        dialogs.Type("Email", "not-an-email");
        dialogs.Type("Name", "Someone");
        dialogs.Find("form#create-user").Submit();

        dialogs.WaitForAssertion(() => Assert.Equal("Email must look like name@example.com.", dialogs.FieldMessage("Email")));
        Assert.Null(await Store.FindUserByEmailAsync("not-an-email", Ct));
    }

    [Fact]
    public async Task The_new_user_dialog_creates_the_user_and_opens_it()
    {
        var cut = RenderUsers();
        var dialogs = RenderProviders();

        cut.Button("New user").Click();
        dialogs.WaitForAssertion(() => dialogs.Button("Create user"));
        dialogs.Type("Email", "New.Person@Example.com");
        dialogs.Type("Name", "New Person");
        dialogs.Find("form#create-user").Submit();

        User? created = null;
        await cut.WaitForAssertionAsync(async () => Assert.NotNull(created = await Store.FindUserByEmailAsync("new.person@example.com", Ct)));
        cut.WaitForAssertion(() => Assert.EndsWith($"/t/sandbox/users/{created!.Id}", Navigation.Uri));
    }
}
