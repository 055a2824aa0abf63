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
}
