using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace Dashboard.E2E.Accessibility;

/// <summary>The accessibility checks visit every page: a page added to the app without a line in <see cref="PageRoutes"/> fails here.</summary>
public sealed class PageRoutesCoverageTests
{
    [Fact]
    public void Every_page_template_of_the_app_is_in_the_route_list_and_nothing_else_is()
    {
        var pages = typeof(Dashboard.Components.App).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .ToHashSet(StringComparer.Ordinal);
        var listed = PageRoutes.All.Append(PageRoutes.SignIn).Select(r => r.Template).ToHashSet(StringComparer.Ordinal);

        var missing = pages.Except(listed).Order().ToList();
        var stale = listed.Except(pages).Order().ToList();
        Assert.True(missing.Count == 0, $"Pages the accessibility checks do not visit; add them to PageRoutes.All: {string.Join(", ", missing)}");
        Assert.True(stale.Count == 0, $"PageRoutes lists templates no page has: {string.Join(", ", stale)}");
    }

    [Fact]
    public void Every_dialog_check_names_a_listed_page()
    {
        var names = PageRoutes.All.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(PageRoutes.Dialogs, d => Assert.Contains(d.Page, names));
    }
}
