using Bunit;
using Dashboard.Components.Shared;
using Dashboard.Core.Domain;
using Dashboard.Services;

namespace Dashboard.Tests.Pages;

/// <summary>
/// The users table writes each row's cells as one piece of markup: hostile values stay text, the link and the time
/// are what the elements were, and a row click still opens the user.
/// </summary>
public sealed class UsersTableTests : BunitContext
{
    private static readonly DateTimeOffset Created = new(2026, 3, 4, 5, 6, 7, 890, TimeSpan.FromHours(2));

    [Fact]
    public void Hostile_values_are_shown_as_text_and_the_cells_are_as_before()
    {
        var user = new User("u/1 \"x\"", "a\"><script>alert(1)</script>@example.com", "<img src=x onerror=alert(1)> O'Brien & José",
            null, Created, Created, 1);

        var cut = Render<UsersTable>(p => p.Add(x => x.Tenant, "acme").Add(x => x.Items, new[] { user }));

        Assert.Empty(cut.FindAll("tbody script, tbody img"));
        var link = cut.Find("tbody td[data-label=Email] a");
        Assert.Equal(user.Email, link.TextContent);
        Assert.Equal(TenantRoutes.User("acme", user.Id), link.GetAttribute("href"));
        Assert.Equal(user.Name, cut.Find("tbody td[data-label=Name]").TextContent);
        var time = cut.Find("tbody td[data-label=Created] time");
        Assert.Equal("2026-03-04 03:06 UTC", time.TextContent);
        Assert.Equal(Created.ToString("O"), time.GetAttribute("datetime"));
        Assert.Equal("2026-03-04 03:06:07.890 UTC", time.GetAttribute("title"));
    }

    [Fact]
    public void Each_row_opens_its_user_through_its_one_link_and_has_no_click_handler_of_its_own()
    {
        var users = new[] { new User("u1", "a@example.com", "A", null, Created, Created, 1), new User("u2", "b@example.com", "B", null, Created, Created, 1) };

        var cut = Render<UsersTable>(p => p.Add(x => x.Tenant, "acme").Add(x => x.Items, users));

        var rows = cut.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            // The link is stretched over the row (row-link): a second handler on the row navigated twice.
            Assert.Contains("row-link", rows[i].ClassList);
            Assert.DoesNotContain(rows[i].Attributes, a => a.Name.StartsWith("blazor:on", StringComparison.Ordinal));
            var link = Assert.Single(rows[i].QuerySelectorAll("a"));
            Assert.Equal(TenantRoutes.User("acme", users[i].Id), link.GetAttribute("href"));
        }
    }

    [Fact]
    public void A_page_s_rows_render_once_and_another_page_is_a_new_rows_component()
    {
        var page1 = new[] { new User("u1", "a@example.com", "A", null, Created, Created, 1) };
        var page2 = new[] { new User("u2", "b@example.com", "B", null, Created, Created, 1) };
        var cut = Render<UsersTable>(p => p.Add(x => x.Tenant, "acme").Add(x => x.Items, page1));
        var rows = cut.FindComponent<UserRows>();
        var first = rows.Instance;

        // The table re-renders for its loading bar with the same items: the rows are not rendered again.
        cut.Render(p => p.Add(x => x.Loading, true));
        Assert.Equal(1, rows.RenderCount);
        Assert.NotEmpty(cut.FindAll("thead .mud-table-loading"));

        cut.Render(p => p.Add(x => x.Items, page2).Add(x => x.Loading, false));
        // The first page's rows component is gone with its render trees.
        Assert.True(rows.IsDisposed);
        var next = cut.FindComponent<UserRows>();
        Assert.NotSame(first, next.Instance);
        Assert.Equal(1, next.RenderCount);
        Assert.Equal("b@example.com", cut.Find("tbody td[data-label=Email] a").TextContent);
    }

    [Fact]
    public void The_same_rows_for_another_tenant_render_again_with_that_tenant_s_links()
    {
        var users = new[] { new User("u1", "a@example.com", "A", null, Created, Created, 1) };
        var cut = Render<UsersTable>(p => p.Add(x => x.Tenant, "acme").Add(x => x.Items, users));

        cut.Render(p => p.Add(x => x.Tenant, "globex"));

        Assert.Equal(TenantRoutes.User("globex", "u1"), cut.Find("tbody td[data-label=Email] a").GetAttribute("href"));
    }
}
