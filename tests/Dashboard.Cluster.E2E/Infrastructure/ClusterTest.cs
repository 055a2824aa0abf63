using System.Globalization;

namespace Dashboard.Cluster.E2E.Infrastructure;

/// <summary>
/// Base of the cluster's browser tests: Debian's Chromium (no download), people in fresh browser profiles that
/// accept the cluster's self-signed certificate, signed in through the sign-in page; on failure a screenshot of
/// each open page under artifacts/e2e-cluster (paths printed).
/// </summary>
[Collection(LocalClusterCollection.Name)]
public abstract class ClusterTest(LocalCluster cluster) : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly List<IPage> _pages = [];

    protected LocalCluster Cluster { get; } = cluster;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public const string OpsEmail = "ops@example.com", OpsPassword = "ops-pass-1";
    public const string AgentEmail = "agent@example.com", AgentPassword = "agent-pass-1";

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"],
        });
    }

    /// <summary>A person in a fresh profile signed in at <paramref name="baseUrl"/> (nginx by default), then on <paramref name="path"/>.</summary>
    protected async Task<IPage> SignInAsync(string email, string password, string path, Uri? baseUrl = null)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (baseUrl ?? Cluster.BaseUrl).ToString(),
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        context.SetDefaultTimeout(20_000);
        // Expectations wait as long as actions: on a busy 2-core machine a sign-in redirect or a first render can take
        // longer than Playwright's 5 s, and the suite checks what happens, not how fast.
        Assertions.SetDefaultExpectTimeout(20_000);
        var page = await context.NewPageAsync();
        _pages.Add(page);
        await page.GotoAsync("/login?returnUrl=" + Uri.EscapeDataString(path));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await WaitInteractiveAsync(page);
        return page;
    }

    /// <summary>
    /// What a fleet-wide ops page shows, with the moment it asked Prometheus about (<c>data-as-of</c>), so a check can ask
    /// Prometheus the same question: background calls (health pings) move the totals between the page's query and the
    /// test's. The page refreshes itself, so the two are read until no refresh came between them.
    /// </summary>
    protected static async Task<(T Shown, DateTimeOffset AsOf)> ReadFleetFiguresAsync<T>(IPage page, Func<Task<T>> read)
    {
        var scope = page.GetByTestId("figures-scope");
        for (var attempt = 1; ; attempt++)
        {
            var before = await scope.GetAttributeAsync("data-as-of");
            var shown = await read();
            var after = await scope.GetAttributeAsync("data-as-of");
            Assert.False(string.IsNullOrEmpty(after), "the page's figures do not say when they are from");
            if (before == after || attempt == 5) return (shown, DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(after!, CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>The circuit is live (the layout marks itself interactive), so clicks are not lost on the prerender.</summary>
    protected static Task WaitInteractiveAsync(IPage page) => page.Locator("#app-shell[data-interactive=true]").WaitForAsync();

    protected static async Task GoToAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitInteractiveAsync(page);
    }

    protected static async Task<string> AffinityOf(IPage page) =>
        (await page.Context.CookiesAsync()).Single(c => c.Name == "dashboard_affinity").Value;

    public async ValueTask DisposeAsync()
    {
        var failed = TestContext.Current.TestState?.Result is TestResult.Failed;
        if (failed)
        {
            var folder = Path.Combine(RepositoryRoot.Path, "artifacts", "e2e-cluster");
            Directory.CreateDirectory(folder);
            for (var i = 0; i < _pages.Count; i++)
            {
                var file = Path.Combine(folder, $"{TestContext.Current.Test?.TestDisplayName.Split('.').Last()}-{i}.png");
                try
                {
                    await _pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
                    TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {file}");
                }
                catch (PlaywrightException)
                {
                }
            }
        }
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
