using Dashboard.E2E.Accessibility;
using Dashboard.E2E.Infrastructure;

namespace Dashboard.E2E.Flows;

/// <summary>
/// WCAG 2.1 AA, as axe-core checks it, on every page and dialog of <see cref="PageRoutes"/> in the light and the dark
/// palette; every page has a title and one h1; and every page reflows at 320 px and at 200 % zoom. One browser,
/// each page opened once per palette; every problem is collected so one run reports them all.
/// </summary>
public sealed class AccessibilityFlows(DashboardApp app, BrowserSession browser) : E2ETest(app, browser)
{
    /// <summary>1280 × 800 at 200 % zoom, and the 320 CSS px WCAG's reflow criterion names (1280 at 400 %).</summary>
    private static readonly (int Width, int Height)[] NarrowViewports = [(640, 400), (320, 640)];

    [Fact]
    public async Task Every_page_and_dialog_passes_axe_in_light_and_dark_mode_and_reflows_at_320_px_and_200_percent()
    {
        var samples = await SamplesAsync();
        var problems = new List<string>();
        foreach (var dark in new[] { false, true })
        {
            var palette = dark ? "dark" : "light";
            // The system preference picks the palette for a person who never chose one.
            var page = await NewPageAsync(dark ? ColorScheme.Dark : ColorScheme.Light);
            await PageChecks.GoToAsync(page, PageRoutes.SignIn, samples);
            await CheckAsync(page, $"{PageRoutes.SignIn} ({palette})", problems);
            await SignInAsync(page, DemoAccounts.Ops);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = dark ? "Switch to light mode" : "Switch to dark mode" })).ToBeVisibleAsync();

            foreach (var route in PageRoutes.All)
            {
                var started = System.Diagnostics.Stopwatch.StartNew();
                await PageChecks.GoToAsync(page, route, samples);
                await CheckAsync(page, $"{route} ({palette})", problems);
                foreach (var dialog in PageRoutes.Dialogs.Where(d => d.Page == route.Name))
                {
                    await dialog.OpenAsync(page);
                    await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
                    await CheckAsync(page, $"{route}, dialog \"{dialog.Name}\" ({palette})", problems, structure: false);
                    await dialog.CloseAsync(page);
                    await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
                }
                // Layout does not depend on the palette: reflow is checked once, on the light pass.
                if (!dark)
                {
                    foreach (var (width, height) in NarrowViewports)
                        if (await PageChecks.ReflowProblemAsync(page, width, height) is { } problem) problems.Add($"{route}: {problem}");
                    await page.SetViewportSizeAsync(1400, 1000);
                }
                TestContext.Current.TestOutputHelper?.WriteLine($"{route} ({palette}): {started.Elapsed.TotalSeconds:0.0} s");
            }
        }
        Assert.True(problems.Count == 0, $"{problems.Count} accessibility problem(s):\n  " + string.Join("\n  ", problems));
    }

    private static async Task CheckAsync(IPage page, string what, List<string> problems, bool structure = true)
    {
        foreach (var violation in await AxeCheck.ViolationsAsync(page)) problems.Add($"{what}: {violation}");
        if (structure)
            foreach (var problem in await PageChecks.StructureProblemsAsync(page)) problems.Add($"{what}: {problem}");
    }

    /// <summary>On the first tenant: every tenant's pages share their markup.</summary>
    private async Task<RouteSamples> SamplesAsync()
    {
        var tenant = App.Tenants[0].Id;
        var (user, order) = await SampleCustomer.WithNewOrderAsync(App, tenant, Ct);
        return new RouteSamples(tenant, user.Id, order.Id);
    }
}
