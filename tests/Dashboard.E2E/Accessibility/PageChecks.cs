using System.Text.RegularExpressions;
using Dashboard.E2E.Infrastructure;

namespace Dashboard.E2E.Accessibility;

/// <summary>What every page owes a person beyond axe-core's rules: a name in the tab, one h1, and reflow.</summary>
public static partial class PageChecks
{
    /// <summary>Opens the route and waits until it is what a person reads: live, headed, and done loading.</summary>
    public static async Task GoToAsync(IPage page, PageRoute route, RouteSamples samples)
    {
        await page.GotoAsync(route.Path(samples));
        if (!route.Static) await E2ETest.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
        // A table still loading or a health check still running is not the page a person reads.
        await Assertions.Expect(page.Locator(".mud-progress-linear, .mud-progress-circular, .mud-table-loading-progress")).ToHaveCountAsync(0);
    }

    /// <summary>A meaningful title ("Users · acme · Serverless Admin", not just the app's name) and exactly one h1.</summary>
    public static async Task<IEnumerable<string>> StructureProblemsAsync(IPage page)
    {
        var problems = new List<string>();
        var title = await page.TitleAsync();
        if (!MeaningfulTitle().IsMatch(title)) problems.Add($"title \"{title}\" does not name the page before \"· Serverless Admin\"");
        var headings = await page.Locator("h1").CountAsync();
        if (headings != 1) problems.Add($"{headings} h1 elements instead of one");
        return problems;
    }

    /// <summary>
    /// WCAG 1.4.10: at this width nothing but a table's own box scrolls sideways, and the app bar covers no part of
    /// the heading. Null when it holds.
    /// </summary>
    public static async Task<string?> ReflowProblemAsync(IPage page, int width, int height)
    {
        await page.SetViewportSizeAsync(width, height);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        try
        {
            // MudBlazor re-renders on resize (drawer, stacked tables): give it a moment to settle.
            await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= window.innerWidth", null,
                new() { Timeout = 3_000, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            return $"at {width} px the page scrolls sideways: " + await page.EvaluateAsync<string>(WidestElements);
        }
        var covered = await page.EvaluateAsync<bool>("""
            () => {
                const bar = document.querySelector('.mud-appbar'), h1 = document.querySelector('h1');
                return !!bar && !!h1 && h1.getBoundingClientRect().top < bar.getBoundingClientRect().bottom - 1;
            }
            """);
        return covered ? $"at {width} px the app bar covers the page's heading" : null;
    }

    /// <summary>For a failure message: the elements that stick out, leaving out those inside a box that scrolls or clips.</summary>
    private const string WidestElements = """
        () => {
            const clipped = e => { for (let p = e.parentElement; p; p = p.parentElement) { if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
            return [...document.body.querySelectorAll('*')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !clipped(e))
                .slice(0, 3)
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (right edge ${Math.round(e.getBoundingClientRect().right)} px)`)
                .join(', ') || `document ${document.documentElement.scrollWidth} px wide`;
        }
        """;

    [GeneratedRegex(@"^\S.*\S · Serverless Admin$")]
    private static partial Regex MeaningfulTitle();
}
