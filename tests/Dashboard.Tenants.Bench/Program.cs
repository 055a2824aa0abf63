using System.Diagnostics;
using Dashboard.Tenants.Bench;

// Tenants at scale: for each tenant count, the app's start time and RSS, each page's prerendered size and time to
// interactive, /healthz latency and the backend calls it makes, and /metrics series. Options: --tenants 100,1000,10000
// --runs 3 (page loads per page) --healthz 100 (requests) --active 1000 (tenants given traffic before counting series)
// --no-warmup (no first load of each page before the measured ones).
var options = Options.Parse(args);
string[] pages = ["/", "/ops/throughput", "/ops/throttling", "/ops/cost"];
Console.WriteLine($"dashboard with many tenants: {string.Join(", ", options.Tenants.Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))} SQLite sandbox tenants " +
    $"(no demo data), {options.Runs} load(s) per page, {Environment.ProcessorCount} cores (the browser runs on them too)");

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
    Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"],
});

var appRows = new List<string>();
var byMetric = new List<(string Metric, int Series, int WithTenant)>();
var pageRows = new List<string>();
foreach (var n in options.Tenants)
{
    await using var app = await TenantsApp.StartAsync(options.AppDll, options.RepoRoot, n);
    var firstPass = await app.FirstProbePassAsync();
    // A first start creates every new tenant's schema in the background (minutes at 10,000): the pages are measured
    // on the settled instance, and how long it took is its own figure.
    var prepared = await app.PreparedAsync();
    var rssStarted = app.RssBytes;

    // /healthz: anonymous, one at a time. The pings counted around them are theirs (the prober is quiet for an
    // hour after its first pass); other calls meanwhile are the tenants' schema preparation in the background.
    var beforeLines = await app.MetricsLinesAsync();
    var before = TenantsApp.StoreCalls(beforeLines, "ping", only: true);
    var otherBefore = TenantsApp.StoreCalls(beforeLines, "ping", only: false);
    var latencies = new List<double>();
    for (var i = 0; i < options.Healthz; i++)
    {
        var (ms, status) = await app.TimedGetAsync("/healthz");
        if (status != 200) throw new InvalidOperationException($"/healthz answered {status}");
        latencies.Add(ms);
    }
    var afterLines = await app.MetricsLinesAsync();
    var healthzCalls = (TenantsApp.StoreCalls(afterLines, "ping", only: true) - before) / options.Healthz;
    var otherCalls = TenantsApp.StoreCalls(afterLines, "ping", only: false) - otherBefore;
    latencies.Sort();

    // Pages, signed in as Ops in one browser context: the prerendered HTML (over HTTP with its cookies) and the time
    // from navigation to the Blazor circuit started (the shell marks itself interactive).
    await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.Url.ToString() });
    // A loaded machine (other work, the tenants' schemas prepared in the background) can take longer than Playwright's 30 s.
    context.SetDefaultTimeout(120_000);
    context.SetDefaultNavigationTimeout(120_000);
    var signIn = await context.NewPageAsync();
    await signIn.GotoAsync("/login?returnUrl=%2Fhealthz");
    await signIn.GetByLabel("Email").FillAsync("ops@example.com");
    await signIn.GetByLabel("Password").FillAsync("ops-pass-1");
    await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    try
    {
        await signIn.WaitForURLAsync(url => url.Contains("/healthz", StringComparison.Ordinal));
    }
    catch (TimeoutException)
    {
        Console.Error.WriteLine($"signing in did not reach /healthz; the page is at {signIn.Url}:\n{await signIn.InnerTextAsync("body")}\napp log:\n{app.Log[^Math.Min(app.Log.Length, 8000)..]}");
        throw;
    }
    await signIn.CloseAsync();
    var cookie = string.Join("; ", (await context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
    // One tab kept open, as a person reloads or follows a link from the address bar: a full page load each time
    // (prerender, scripts, a new circuit), without the browser starting a renderer process for a new tab.
    var openTab = await context.NewPageAsync();
    foreach (var path in pages)
    {
        if (options.Warmup) await InteractiveMsAsync(context, path);   // compiled code, first queries
        var (bytes, _) = await app.HtmlBytesAsync(path, cookie);
        var newTab = new List<double>();
        var sameTab = new List<double>();
        var prerenders = new List<double>();
        for (var r = 0; r < options.Runs; r++)
        {
            prerenders.Add((await app.HtmlBytesAsync(path, cookie)).Ms);
            newTab.Add(await InteractiveMsAsync(context, path));
            sameTab.Add(await InteractiveMsAsync(context, path, openTab));
        }
        newTab.Sort();
        sameTab.Sort();
        prerenders.Sort();
        pageRows.Add(Row(n.ToString("N0", CultureInfo.InvariantCulture), path, $"{bytes / 1024.0:0.0} KB",
            $"{prerenders[prerenders.Count / 2]:0} ms", $"{sameTab[sameTab.Count / 2]:0} ms", $"{sameTab[^1]:0} ms",
            $"{newTab[newTab.Count / 2]:0} ms", $"{newTab[^1]:0} ms"));
    }
    await openTab.CloseAsync();
    var rssPages = app.RssBytes;

    // /metrics: every tenant pinged once by now; then some tenants used (their users page, over HTTP) and counted again.
    var pinged = TenantsApp.Series(await app.MetricsLinesAsync());
    var active = Math.Min(n, options.Active);
    var next = 0;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next) - 1) < active)
        {
            var (_, status) = await app.TimedGetAsync($"/t/{TenantsApp.TenantId(i, n)}/users", cookie);
            if (status != 200) throw new InvalidOperationException($"/t/{TenantsApp.TenantId(i, n)}/users answered {status}");
        }
    }));
    var usedLines = await app.MetricsLinesAsync();
    var used = TenantsApp.Series(usedLines);
    byMetric = TenantsApp.SeriesByMetric(usedLines);
    var perActive = (used - pinged) / (double)active;
    var allActive = pinged + perActive * n;
    appRows.Add(Row(n.ToString("N0", CultureInfo.InvariantCulture), $"{app.StartTime.TotalSeconds:0.0} s", $"{firstPass.TotalSeconds:0.0} s", $"{(firstPass + prepared).TotalSeconds:0.0} s",
        $"{rssStarted / 1048576.0:0} MiB", $"{rssPages / 1048576.0:0} MiB", $"{app.RssBytes / 1048576.0:0} MiB",
        $"{latencies[latencies.Count / 2]:0.0} ms", $"{latencies[(int)Math.Ceiling(latencies.Count * 0.95) - 1]:0.0} ms", $"{healthzCalls:0.##} ({otherCalls:N0} other calls meanwhile)",
        pinged.ToString("N0", CultureInfo.InvariantCulture), $"{used:N0} ({active:N0} used)",
        active == n ? $"{used:N0} (measured)" : $"~{allActive:N0} (extrapolated)"));
    Console.Error.WriteLine($"{n} tenants measured ({active} users pages opened in {clock.Elapsed.TotalSeconds:0} s), load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}:");
    // Each count's rows as soon as they are measured: a later count that fails does not lose them.
    Console.Error.WriteLine(appRows[^1]);
    foreach (var row in pageRows.TakeLast(pages.Length)) Console.Error.WriteLine(row);
}

Console.WriteLine();
Console.WriteLine("| tenants | start | first health pass | schemas prepared | RSS started | RSS after pages | RSS after users pages | /healthz p50 | /healthz p95 | backend pings per /healthz | /metrics series, all pinged | after users pages | every tenant active |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
appRows.ForEach(Console.WriteLine);
Console.WriteLine();
Console.WriteLine("| tenants | page | prerendered HTML | prerender p50 | interactive p50, open tab | max | interactive p50, new tab | max |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
pageRows.ForEach(Console.WriteLine);
Console.WriteLine();
Console.WriteLine($"/metrics series by metric with {options.Tenants[^1]:N0} tenants after the users pages (series with a dashboard_tenant label):");
foreach (var (metric, count, withTenant) in byMetric.Take(12)) Console.WriteLine($"  {metric}: {count:N0} ({withTenant:N0})");
Console.WriteLine();
Console.WriteLine("start: process start to the first /healthz answer; first health pass: then until the prober had checked every tenant;");
Console.WriteLine("schemas prepared: from the first /healthz answer until it counted no tenant still being prepared (every page is measured after);");
Console.WriteLine("prerendered HTML: the page's bytes as sent to a signed-in Ops person (uncompressed); prerender: the server's time to send them;");
Console.WriteLine("interactive: navigation to the Blazor circuit started (the prerender, the scripts, the circuit and its first render), a full page load");
Console.WriteLine("  in a tab kept open (from about:blank) and in a new tab (which adds the browser starting the tab's renderer process);");
Console.WriteLine("backend pings per /healthz: pings counted at /metrics around the requests, divided by the requests (the prober is quiet then;");
Console.WriteLine("  the other calls meanwhile are the tenants' schema preparation, which runs in the background after start);");
Console.WriteLine("/metrics series: its sample lines; every tenant active = series with every tenant pinged + (series added per users-page tenant × tenants).");

static string Row(params string[] cells) => "| " + string.Join(" | ", cells) + " |";

// In a new tab, or in the open tab given (left on a blank page first, so each load starts from nothing of the dashboard's).
static async Task<double> InteractiveMsAsync(IBrowserContext context, string path, IPage? openTab = null)
{
    var page = openTab ?? await context.NewPageAsync();
    try
    {
        if (openTab is not null) await page.GotoAsync("about:blank");
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.Locator("#app-shell[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var interactive = clock.Elapsed.TotalMilliseconds;
        if (Environment.GetEnvironmentVariable("BENCH_PHASES") is not null)
        {
            // Where the time went, from the browser's own clock: the HTML received, the scripts run (DOMContentLoaded),
            // and the circuit's hub connected (its negotiate request answered).
            var phases = await page.EvaluateAsync<double[]>("""
                () => { const n = performance.getEntriesByType('navigation')[0];
                        const hub = performance.getEntriesByType('resource').find(r => r.name.includes('/_blazor/negotiate'));
                        return [n.responseStart, n.responseEnd, n.domContentLoadedEventEnd, hub ? hub.responseEnd : -1, performance.now()]; }
                """);
            Console.Error.WriteLine($"  {path}: first byte {phases[0]:0} ms, HTML {phases[1]:0} ms, scripts run {phases[2]:0} ms, hub negotiated {phases[3]:0} ms, interactive seen {phases[4]:0} ms (wall {interactive:0} ms)");
        }
        return interactive;
    }
    finally
    {
        if (openTab is null) await page.CloseAsync();
    }
}

internal sealed record Options(int[] Tenants, int Runs, int Healthz, int Active, bool Warmup, string AppDll, string RepoRoot)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new Options((Value("--tenants") ?? "100,1000,10000").Split(',').Select(int.Parse).Order().ToArray(),
            int.Parse(Value("--runs") ?? "3"), int.Parse(Value("--healthz") ?? "100"), int.Parse(Value("--active") ?? "1000"), !args.Contains("--no-warmup"),
            Value("--app-dll") ?? throw new ArgumentException("--app-dll is required"), Value("--repo-root") ?? Directory.GetCurrentDirectory());
    }
}
