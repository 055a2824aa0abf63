namespace Dashboard.E2E.Infrastructure;

/// <summary>
/// Base of every browser test: opens browser contexts with tracing, and when the test fails saves a
/// screenshot of each open page and the trace under artifacts/e2e, printing their paths.
/// </summary>
[Collection(DashboardAppCollection.Name)]
public abstract class E2ETest(DashboardApp app, BrowserSession browser) : IClassFixture<BrowserSession>, IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected DashboardApp App { get; } = app;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A person in a fresh browser profile, signed in as <paramref name="account"/> through the sign-in page
    /// (anonymous visitors land there with a return URL), then on <paramref name="path"/> and interactive.
    /// </summary>
    protected async Task<IPage> OpenAsync(string path, DemoAccount account)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(path);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?returnUrl="));
        await SignInAsync(page, account);
        return page;
    }

    /// <summary>A fresh browser profile (nobody signed in) whose system preference is <paramref name="colorScheme"/>.</summary>
    protected async Task<IPage> NewPageAsync(ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            ColorScheme = colorScheme,
        });
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = false, Snapshots = true });
        context.SetDefaultTimeout(20_000);
        // Expectations wait as long as actions: on a busy 2-core machine a sign-in redirect or a first render can take
        // longer than Playwright's 5 s, and the suite checks what happens, not how fast.
        Assertions.SetDefaultExpectTimeout(20_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in on the sign-in page the browser is on and waits for the page it returns to.</summary>
    protected static async Task SignInAsync(IPage page, DemoAccount account)
    {
        await page.GetByLabel("Email").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await WaitInteractiveAsync(page);
    }

    /// <summary>Loads a page and waits until the Blazor circuit is live, so clicks are not lost on the prerender.</summary>
    public static async Task GoToAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitInteractiveAsync(page);
    }

    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("#app-shell[data-interactive=true]").WaitForAsync();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        var failed = TestContext.Current.TestState?.Result == TestResult.Failed;
        var name = string.Concat((TestContext.Current.Test?.TestDisplayName ?? "test").Select(c => char.IsLetterOrDigit(c) ? c : '_'));
        if (name.Length > 120) name = name[..120];
        for (var i = 0; i < _contexts.Count; i++)
        {
            var context = _contexts[i];
            if (failed)
            {
                Directory.CreateDirectory(RepositoryPaths.Artifacts);
                for (var p = 0; p < context.Pages.Count; p++)
                {
                    var page = context.Pages[p];
                    var shot = Path.Combine(RepositoryPaths.Artifacts, $"{name}-{i}-{p}.png");
                    Report($"E2E failure: profile {i} page {p} at {page.Url}");
                    try
                    {
                        // Short and caught: a page that cannot be drawn must not hide the test's own failure.
                        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true, Timeout = 5_000 });
                        Report($"E2E failure screenshot: {shot}");
                    }
                    catch (Exception e) when (e is PlaywrightException or TimeoutException)
                    {
                        Report($"E2E failure screenshot of {page.Url} not taken: {e.Message.Split('\n')[0]}");
                    }
                }
                var trace = Path.Combine(RepositoryPaths.Artifacts, $"{name}-{i}.trace.zip");
                await context.Tracing.StopAsync(new TracingStopOptions { Path = trace });
                Report($"E2E failure trace: {trace}");
            }
            await context.DisposeAsync();
        }
        if (failed) Report($"E2E failure: the app's last log lines\n{LastLines(App.Log, 80)}");
    }

    /// <summary>To the runner's output and the test's own, whichever the reader gets to see.</summary>
    private static void Report(string line)
    {
        Console.WriteLine(line);
        try
        {
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test's output is already closed: the runner's output has it.
        }
    }

    private static string LastLines(string text, int count)
    {
        var lines = text.Split('\n');
        return string.Join('\n', lines[Math.Max(0, lines.Length - count)..]);
    }
}
