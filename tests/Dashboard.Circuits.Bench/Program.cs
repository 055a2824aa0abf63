using System.Diagnostics;
using System.Globalization;
using Dashboard.Circuits.Bench;
using Microsoft.Playwright;

// Circuits per instance: memory per circuit on the users page (25 rows), click → render while every agent works,
// and CPU per active agent. Options: --circuits 50,100  --seconds 30  --think 3 (seconds between an agent's clicks)
// --page /t/sandbox/users (where agents start and memory is measured) --hold 0 (seconds to keep the agents still after
// each memory measurement, so a heap snapshot can be taken: dotnet-gcdump collect -p <the app's pid, printed>).
var options = Options.Parse(args);
Console.WriteLine($"dashboard circuits: {string.Join(", ", options.Circuits)} agents, {options.Seconds} s of work each, " +
    $"{options.Think.TotalSeconds:0.#} s think time, {Environment.ProcessorCount} cores (the browser runs on them too)");

await using var app = await AppProcess.StartAsync(options.AppDll, options.ContentRoot);
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
    Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync",
        "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows"],
});
var state = await SignIn.StorageStateAsync(browser, app.Url);

// One agent works a little first, so what is made once (compiled code, caches, the EF model) is in the baseline.
await using var agents = new Agents(browser, app.Url, state, options.Page);
await agents.GrowToAsync(1);
await agents.WorkAsync(TimeSpan.FromSeconds(Math.Min(5, options.Seconds)), options.Think);
var baseline = await app.HeapAfterFullGcAsync();
Console.WriteLine($"heap with one warm agent: {baseline.Size / 1024.0 / 1024:0.0} MiB ({baseline.Live / 1024.0 / 1024:0.0} MiB live)");
await HoldAsync(1);
Console.WriteLine();
Console.WriteLine("| agents | heap | per circuit | live per circuit | clicks | click → render p50 | p95 | p99 | CPU per active agent | CPU per click |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
foreach (var n in options.Circuits)
{
    await agents.GrowToAsync(n);
    await Task.Delay(1000);
    var heap = await app.HeapAfterFullGcAsync();
    await HoldAsync(n);
    var cpuBefore = app.CpuTime;
    var clock = Stopwatch.StartNew();
    var latencies = await agents.WorkAsync(TimeSpan.FromSeconds(options.Seconds), options.Think);
    var cpu = app.CpuTime - cpuBefore;
    var seconds = clock.Elapsed.TotalSeconds;
    latencies.Sort();
    double P(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {n} | {heap.Size / 1024.0 / 1024:0.0} MiB | {PerCircuit(heap.Size, baseline.Size, n):0} KB | {PerCircuit(heap.Live, baseline.Live, n):0} KB | {latencies.Count} | {P(0.50):0} ms | {P(0.95):0} ms | {P(0.99):0} ms | " +
        $"{cpu.TotalSeconds / seconds / n * 100:0.00} % of a core | {cpu.TotalMilliseconds / Math.Max(1, latencies.Count):0.0} ms |"));
}
Console.WriteLine();
Console.WriteLine("per circuit: (heap after a full GC with the agents open − heap with one warm agent) / (agents − 1), every agent on the users page;");
Console.WriteLine("live per circuit: the same without the free space the GC left between objects (fragmentation, mostly around pinned buffers);");
Console.WriteLine("click → render: in the page, from the click to the DOM showing the next page or the user's orders;");
Console.WriteLine("CPU: the app process's user + system time while the agents worked.");

static double PerCircuit(long withAgents, long withOne, int agents) => (withAgents - withOne) / 1024.0 / Math.Max(1, agents - 1);

async Task HoldAsync(int agents)
{
    if (options.Hold <= 0) return;
    Console.Error.WriteLine($"holding {agents} agent(s) on {options.Page} for {options.Hold} s: the app's pid is {app.ProcessId}");
    await Task.Delay(TimeSpan.FromSeconds(options.Hold));
}

/// <param name="Page">Where every agent starts (and is when memory is measured): the users page with 25 rows by default.</param>
internal sealed record Options(int[] Circuits, int Seconds, TimeSpan Think, string AppDll, string ContentRoot, string Page, int Hold)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var circuits = (Value("--circuits") ?? "50,100").Split(',').Select(int.Parse).Order().ToArray();
        return new Options(circuits, int.Parse(Value("--seconds") ?? "30"), TimeSpan.FromSeconds(double.Parse(Value("--think") ?? "3", CultureInfo.InvariantCulture)),
            Value("--app-dll") ?? throw new ArgumentException("--app-dll is required"), Value("--content-root") ?? Directory.GetCurrentDirectory(),
            Value("--page") ?? "/t/sandbox/users", int.Parse(Value("--hold") ?? "0"));
    }
}
