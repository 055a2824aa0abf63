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
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
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
                foreach (var page in context.Pages)
                {
                    var shot = Path.Combine(RepositoryPaths.Artifacts, $"{name}-{i}.png");
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
                    Console.WriteLine($"E2E failure screenshot: {shot}");
                }
                var trace = Path.Combine(RepositoryPaths.Artifacts, $"{name}-{i}.trace.zip");
                await context.Tracing.StopAsync(new TracingStopOptions { Path = trace });
                Console.WriteLine($"E2E failure trace: {trace}");
            }
            await context.DisposeAsync();
        }
    }
}
