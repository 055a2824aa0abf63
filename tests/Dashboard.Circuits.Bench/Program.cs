using System.Diagnostics;
using System.Globalization;
using Dashboard.Circuits.Bench;
using Dashboard.Circuits.Bench.SignalR;
using Microsoft.Playwright;

// Circuits per instance: memory per circuit on the users page (25 rows), click → render while every agent works,
// and CPU per active agent. Options: --circuits 50,100  --seconds 30  --think 3 (seconds between an agent's clicks)
// --page /t/sandbox/users (where agents start and memory is measured) --hold 0 (seconds to keep the agents still after
// each memory measurement, so a heap snapshot can be taken: dotnet-gcdump collect -p <the app's pid, printed>)
// --client chromium|signalr (headless Chromium pages, the default, or SignalR-level clients without a browser)
// --settle 0 (seconds the worked agents then stay idle before memory is read once more: the process's buffer pools,
// grown by the burst of work, give back what went unused meanwhile).
var options = Options.Parse(args);
var signalR = options.Client == "signalr";
Console.WriteLine($"dashboard circuits ({options.Client} agents): {string.Join(", ", options.Circuits)} agents, {options.Seconds} s of work each, " +
    $"{options.Think.TotalSeconds:0.#} s think time, {Environment.ProcessorCount} cores " +
    (signalR ? "(the SignalR clients run on them too, without a browser)" : "(the browser runs on them too)"));

await using var app = await AppProcess.StartAsync(options.AppDll, options.ContentRoot);
IPlaywright? playwright = null;
IBrowser? browser = null;
var errors = signalR ? new ErrorLog() : null;
IAgentPool agents;
if (errors is not null)
{
    agents = new SignalRAgents(app.Url, await HttpSignIn.SignInAsync(app.Url), options.Page, errors);
}
else
{
    playwright = await Playwright.CreateAsync();
    browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync",
            "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows"],
    });
    agents = new Agents(browser, app.Url, await SignIn.StorageStateAsync(browser, app.Url), options.Page);
}

try
{
    // One agent works first, quickly enough to take every step (the user's page too), so what is made once (compiled
    // code and queries, caches, the EF model, a metric's first stream: ~470 KB each) is in the baseline, not charged
    // to the circuits opened after it.
    await agents.GrowToAsync(1);
    await agents.WorkAsync(TimeSpan.FromSeconds(Math.Min(5, options.Seconds)), TimeSpan.FromMilliseconds(200));
    var baseline = await app.HeapAfterFullGcAsync();
    Console.WriteLine($"heap with one warm agent: {baseline.Size / 1024.0 / 1024:0.0} MiB ({baseline.Live / 1024.0 / 1024:0.0} MiB live)");
    await HoldAsync(1);
    Console.WriteLine();
    var settled = options.Settle > 0 ? $" after work, idle {options.Settle} s |" : "";
    Console.WriteLine("| agents | heap | per circuit | live per circuit | clicks | click → render p50 | p95 | p99 | CPU per active agent | CPU per click |" + (signalR ? " errors |" : "") + " live per circuit after work |" + settled);
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|" + (signalR ? "---|" : "") + "---|" + (settled.Length > 0 ? "---|" : ""));
    foreach (var n in options.Circuits)
    {
        var errorsBefore = errors?.Count ?? 0;
        await agents.GrowToAsync(n);
        await Task.Delay(1000);
        var heap = await app.HeapAfterFullGcAsync();
        await HoldAsync(n);
        var cpuBefore = app.CpuTime;
        var clock = Stopwatch.StartNew();
        var latencies = await agents.WorkAsync(TimeSpan.FromSeconds(options.Seconds), options.Think);
        var cpu = app.CpuTime - cpuBefore;
        var seconds = clock.Elapsed.TotalSeconds;
        // Every agent has worked now and is back on the start page: what a working agent's circuit keeps.
        var afterWork = await app.HeapAfterFullGcAsync();
        var settledColumn = "";
        if (options.Settle > 0)
        {
            // The pools trim what went unused for a while when a full collection runs; the second collection takes
            // what the first one's trim let go.
            await Task.Delay(TimeSpan.FromSeconds(options.Settle));
            await app.HeapAfterFullGcAsync();
            var settledHeap = await app.HeapAfterFullGcAsync();
            settledColumn = string.Create(CultureInfo.InvariantCulture, $" {PerCircuit(settledHeap.Live, baseline.Live, n):0} KB |");
        }
        latencies.Sort();
        double P(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        var errorsColumn = errors is null ? "" : $" {errors.Count - errorsBefore} |";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {n} | {heap.Size / 1024.0 / 1024:0.0} MiB | {PerCircuit(heap.Size, baseline.Size, n):0} KB | {PerCircuit(heap.Live, baseline.Live, n):0} KB | {latencies.Count} | {P(0.50):0} ms | {P(0.95):0} ms | {P(0.99):0} ms | " +
            $"{cpu.TotalSeconds / seconds / n * 100:0.00} % of a core | {cpu.TotalMilliseconds / Math.Max(1, latencies.Count):0.0} ms |{errorsColumn} {PerCircuit(afterWork.Live, baseline.Live, n):0} KB |{settledColumn}"));
    }
    Console.WriteLine();
    Console.WriteLine("per circuit: (heap after a full GC with the agents open − heap with one warm agent) / (agents − 1), every agent on the users page;");
    Console.WriteLine("live per circuit: the same without the free space the GC left between objects (fragmentation, mostly around pinned buffers);");
    Console.WriteLine("live per circuit after work: the same once every agent has worked (paged, opened a user, come back) and is on the start page again;");
    if (options.Settle > 0)
        Console.WriteLine($"after work, idle {options.Settle} s: the same after the worked agents stayed idle that long (the process's buffer pools keep what the burst of work grew only while it is used);");
    Console.WriteLine(signalR
        ? "click → render: SignalR clients (no browser), from sending the click to applying the render batch that shows the next page or the user's orders: the server's part plus the loopback network;"
        : "click → render: in the page, from the click to the DOM showing the next page or the user's orders;");
    Console.WriteLine("CPU: the app process's user + system time while the agents worked.");
    if (errors is not null)
    {
        // A run with errors says so: its figures are over failed circuits or clicks.
        Console.WriteLine(errors.Count == 0
            ? "0 errors (circuit errors, closed connections, failed events or batches, clicks with no render)"
            : $"{errors.Count} ERRORS: the figures above include failed circuits or clicks; first ones:\n  " + string.Join("\n  ", errors.All.Take(5)));
    }
}
finally
{
    await agents.DisposeAsync();
    if (browser is not null) await browser.DisposeAsync();
    playwright?.Dispose();
}
if (errors is { Count: > 0 }) Environment.ExitCode = 1;

static double PerCircuit(long withAgents, long withOne, int agents) => (withAgents - withOne) / 1024.0 / Math.Max(1, agents - 1);

async Task HoldAsync(int agents)
{
    if (options.Hold <= 0) return;
    Console.Error.WriteLine($"holding {agents} agent(s) on {options.Page} for {options.Hold} s: the app's pid is {app.ProcessId}");
    await Task.Delay(TimeSpan.FromSeconds(options.Hold));
}

/// <param name="Page">Where every agent starts (and is when memory is measured): the users page with 25 rows by default.</param>
/// <param name="Client">chromium (headless pages) or signalr (the circuit protocol without a browser).</param>
internal sealed record Options(int[] Circuits, int Seconds, TimeSpan Think, string AppDll, string ContentRoot, string Page, int Hold, string Client, int Settle)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var circuits = (Value("--circuits") ?? "50,100").Split(',').Select(int.Parse).Order().ToArray();
        return new Options(circuits, int.Parse(Value("--seconds") ?? "30"), TimeSpan.FromSeconds(double.Parse(Value("--think") ?? "3", CultureInfo.InvariantCulture)),
            Value("--app-dll") ?? throw new ArgumentException("--app-dll is required"), Value("--content-root") ?? Directory.GetCurrentDirectory(),
            Value("--page") ?? "/t/sandbox/users", int.Parse(Value("--hold") ?? "0"), Value("--client") switch
            {
                null or "chromium" => "chromium",
                "signalr" => "signalr",
                var other => throw new ArgumentException($"--client is chromium or signalr, not '{other}'"),
            }, int.Parse(Value("--settle") ?? "0"));
    }
}
