using System.Text.RegularExpressions;

namespace Dashboard.Commands.Tests;

/// <summary>
/// README: <c>scripts/bench.sh [dynamodb|planetscale|fauna|metering|recovery|orders|circuits|live|tenants|alerts|migrate]</c>. The benchmarks run in their documented smoke
/// mode (BENCH_QUICK=1: tiny tables, short figures, the existing build); each starts its own servers on free ports.
/// The README's <c>dotnet test tests/Dashboard.Providers.Tests --filter Backend=DynamoDb</c> is run as written by
/// <c>scripts/test.sh</c> itself, as its share of that suite (running it here too ran those tests twice).
/// </summary>
public sealed partial class TestAndBenchCommandTests
{
    /// <summary>
    /// One run of every benchmark, each checked for its figures. The named form (<c>scripts/bench.sh NAME</c>) runs the
    /// same code per benchmark and is checked below on the cheapest one: running the slow ones twice cost CI minutes.
    /// </summary>
    [Fact]
    public async Task Bench_sh_with_no_argument_runs_every_benchmark_and_prints_their_figures()
    {
        var result = (await Command.RunAsync("scripts/bench.sh", Quick, TimeSpan.FromMinutes(15))).ShouldSucceed();
        var stdout = result.Stdout;

        foreach (var name in Benchmarks) Assert.Contains($"==> benchmark: {name}", stdout);
        Assert.Equal(Benchmarks.Length, Regex.Matches(stdout, "==> benchmark:").Count);
        // dynamodb: both sizes measured, then their ratio.
        Assert.Matches(@"users page 1 \(email order\), service", stdout);
        Assert.Contains("== ratio 400 / 200 users", stdout);
        // planetscale: first and deep pages at both sizes, service and raw.
        Assert.Matches(@"service first page\s+median", stdout);
        Assert.Contains("ratio 400 / 200 users (median):", stdout);
        // fauna: the combined table with both storages and both operations.
        Assert.Contains("Point operations per second, 2 clients, 0.5 s each", stdout);
        Assert.Matches(@"\| in-memory +\| point read +\| +\d+ \(", stdout);
        Assert.Matches(@"\| on-disk +\| write +\| +\d+ \(", stdout);
        // fauna, event streams: commits and events per second with latencies, then many idle streams at once.
        Assert.Matches(@"FaunaLocal event streams: one writer", stdout);
        Assert.Matches(@"\n +10 +\d+ +\d+ +[\d.]+ +[\d.]+ +[\d.]+", stdout);
        Assert.Matches(@"\d+ idle streams held at once: [\d.]+ KiB of server heap per stream", stdout);
        // metering: CPU and bytes per call, the rolling store's day.
        Assert.Matches(@"metering overhead: -?\d+ ns CPU per call", stdout);
        Assert.Contains("rolling store after 24 h:", stdout);
        Assert.Matches(RollingStoreOfManyTenants, stdout);
        // recovery: a backend killed and restarted, the time until its tenant is healthy again, nothing lost.
        Assert.Matches(@"healthy after the backend answers: min \d+ ms", stdout);
        Assert.DoesNotContain("LOST", stdout);
        AssertOrdersFigures(stdout);
        AssertCircuitsFigures(stdout);
        AssertLiveFigures(stdout);
        AssertTenantsFigures(stdout);
        // alerts: the evaluation's CPU per round and per rule per minute at 100 tenants.
        Assert.Matches(@"alert evaluation at 100 tenants: [\d.]+ ms CPU per round \(\d+ conditions, \d+ rules", stdout);
        Assert.Matches(@"alert evaluation cost: [\d.]+ ms CPU per rule per minute at 100 tenants", stdout);
        AssertMigrateFigures(stdout);
    }

    /// <summary>migrate: rows/s for every ordered pair of backends, each verified, and the catch-up path it took.</summary>
    private static void AssertMigrateFigures(string stdout)
    {
        Assert.Contains("Migration throughput: 40 orders and 10 users (50 rows) per source tenant, every ordered pair", stdout);
        Assert.Contains("| from → to | copy rows/s | copy | whole run (plan, copy, catch-up, verify) | catch-up |", stdout);
        foreach (var from in Backends)
        foreach (var to in Backends.Where(b => b != from))
        {
            // A source with a feed of every write catches up from it; the SQL backends scan.
            var path = from is "DynamoDB Local" or "FaunaLocal" ? "change feed" : "version scan";
            Assert.Matches($@"\| {Regex.Escape(from)} → {Regex.Escape(to)} \| [\d,]+ \| [\d.]+ s \| [\d.]+ s \| {path} \|", stdout);
        }
        Assert.Equal(12, Regex.Matches(stdout, "verified 10 users, 40 orders, 0 differences").Count);
    }

    /// <summary>orders: per backend both sizes' medians, their ratio, the export's rows/s and heap peak.</summary>
    private static void AssertOrdersFigures(string stdout)
    {
        Assert.Contains("| backend | 200 orders | 400 orders | 400 / 200 |", stdout);
        foreach (var backend in Backends)
        {
            Assert.Matches($@"\| {Regex.Escape(backend)} \| [\d.]+ \([\d.]+\) ms \| [\d.]+ \([\d.]+\) ms \| [\d.]+× \| [\d,]+ \| [\d.]+ MiB \|", stdout);
            Assert.Contains($"{backend}: 400 orders loaded", stdout);
        }
        Assert.Matches(@"400 orders, export of every order +400 rows in", stdout);
    }

    /// <summary>circuits: agents' memory per circuit, click → render and CPU, one row per agent count; Chromium agents, then SignalR ones.</summary>
    private static void AssertCircuitsFigures(string stdout)
    {
        Assert.Contains("dashboard circuits (chromium agents): 3 agents", stdout);
        Assert.Equal(2, Regex.Matches(stdout, "heap with one warm agent:").Count);
        Assert.Matches(@"\| 3 \| [\d.]+ MiB \| -?\d+ KB \| -?\d+ KB \| \d+ \| \d+ ms \| \d+ ms \| \d+ ms \| [\d.]+ % of a core \|", stdout);
        AssertSignalRCircuitsFigures(stdout);
    }

    /// <summary>circuits with SignalR agents: the same row plus its errors (none), a click that changed the page, and no error line.</summary>
    private static void AssertSignalRCircuitsFigures(string stdout)
    {
        Assert.Contains("dashboard circuits (signalr agents): 3 agents", stdout);
        Assert.Matches(new Regex(@"^\| 3 \| [\d.]+ MiB \| -?\d+ KB \| -?\d+ KB \| [1-9]\d* \| \d+ ms \| \d+ ms \| \d+ ms \| [\d.]+ % of a core \| [\d.]+ ms \| 0 \| -?\d+ KB \|$", RegexOptions.Multiline), stdout);
        // A click that really paged: the pager line moved on and the first row is another user.
        var sample = Regex.Match(stdout, @"sample click \(agent \d+, Next page\): ""Page 1 · \d+ rows"" \(first row (\S+)\) → ""Page 2 · \d+ rows"" \(first row (\S+)\)");
        Assert.True(sample.Success, "no sample click from page 1 to page 2");
        Assert.NotEqual(sample.Groups[1].Value, sample.Groups[2].Value);
        Assert.Contains("\n0 errors (", stdout);
        Assert.DoesNotContain("ERRORS", stdout);
    }

    /// <summary>
    /// README: <c>bash tests/Dashboard.Circuits.Bench/run.sh --client signalr --circuits 50,100 --seconds 30</c>, at smoke
    /// size (the figures mean nothing; that the agents click, pages change and no circuit fails is what is checked).
    /// </summary>
    [Fact]
    public async Task Circuits_bench_run_sh_with_the_signalr_client_runs_agents_without_a_browser()
    {
        var result = (await Command.RunAsync("bash tests/Dashboard.Circuits.Bench/run.sh --client signalr --circuits 3 --seconds 2 --think 0.5", NoBuild, TimeSpan.FromMinutes(3)))
            .ShouldSucceed();

        AssertSignalRCircuitsFigures(result.Stdout);
    }

    /// <summary>live: change → visible per backend, and the cost of watching.</summary>
    private static void AssertLiveFigures(string stdout)
    {
        Assert.Contains("measured at the service layer (not through browsers)", stdout);
        foreach (var backend in Backends)
        {
            // Change → visible: p50 and p95 of the dashboard's saves and of one made outside it.
            Assert.Matches($@"\| {Regex.Escape(backend)} \| dashboard \| 3 \| \d+ ms \| \d+ ms \|", stdout);
            Assert.Matches($@"\| {Regex.Escape(backend)} \| outside \| 1 \| \d+ ms \| \d+ ms \|", stdout);
            // The cost of watching: 1 and 10 open pages, feed reads and units per hour, in total and per page.
            // Units as metering names them: "rows read", "stream reads", and DynamoDB's "RCU" when a watching page read the table.
            foreach (var pages in new[] { 1, 10 })
                Assert.Matches($@"\| {Regex.Escape(backend)} \| {pages} \| [\d,]+ \| (none|[\d,]+ [A-Za-z ]+(, [\d,]+ [A-Za-z ]+)*) \| (none|[\d,]+ [A-Za-z ]+(, [\d,]+ [A-Za-z ]+)*) \|", stdout);
        }
        // Polling and stream reads cost something every hour even when nothing changes.
        Assert.Matches(@"\| SQLite \| 1 \| [\d,]+ \| [1-9][\d,]* rows read \|", stdout);
        Assert.Matches(@"\| DynamoDB Local \| 1 \| [\d,]+ \| [1-9][\d,]* stream reads \|", stdout);
    }

    /// <summary>tenants: the app with 100 generated tenants: start, preparation, RSS, /healthz with no backend ping, series, each page (open and new tab).</summary>
    private static void AssertTenantsFigures(string stdout)
    {
        Assert.Matches(@"\| 100 \| [\d.]+ s \| [\d.]+ s \| [\d.]+ s \| \d+ MiB \| \d+ MiB \| \d+ MiB \| [\d.]+ ms \| [\d.]+ ms \| 0 \([\d,]+ other calls meanwhile\) \| [\d,]+ \| [\d,]+ \(100 used\) \| [\d,]+ \(measured\) \|", stdout);
        foreach (var page in new[] { "/", "/ops/throughput", "/ops/throttling", "/ops/cost" })
            Assert.Matches($@"\| 100 \| {Regex.Escape(page)} \| [\d.]+ KB \| \d+ ms \| \d+ ms \| \d+ ms \| \d+ ms \| \d+ ms \|", stdout);
        Assert.Matches(@"dashboard_store_operations_total: 100 \(100\)", stdout);
    }

    [Fact]
    public async Task Bench_sh_with_a_name_runs_that_benchmark_only()
    {
        var result = (await Command.RunAsync("scripts/bench.sh metering", Quick)).ShouldSucceed();

        Assert.Contains("==> benchmark: metering", result.Stdout);
        Assert.Matches(@"metering overhead: -?\d+ ns CPU per call", result.Stdout);
        Assert.Matches(RollingStoreOfManyTenants, result.Stdout);
        Assert.Single(Regex.Matches(result.Stdout, "==> benchmark:"));
    }

    /// <summary>README: <c>bash tests/Dashboard.Migrations.Bench/run.sh --orders N --backends ...</c>, on two backends at a tiny size.</summary>
    [Fact]
    public async Task Migrations_bench_run_sh_takes_a_size_and_backends()
    {
        var result = (await Command.RunAsync("bash tests/Dashboard.Migrations.Bench/run.sh --orders 40 --backends sqlite,fauna", NoBuild, TimeSpan.FromMinutes(3)))
            .ShouldSucceed();

        Assert.Contains("Migration throughput: 40 orders and 10 users (50 rows) per source tenant", result.Stdout);
        Assert.Matches(@"\| SQLite → FaunaLocal \| [\d,]+ \| [\d.]+ s \| [\d.]+ s \| version scan \|", result.Stdout);
        Assert.Matches(@"\| FaunaLocal → SQLite \| [\d,]+ \| [\d.]+ s \| [\d.]+ s \| change feed \|", result.Stdout);
        Assert.Equal(2, Regex.Matches(result.Stdout, "verified 10 users, 40 orders, 0 differences").Count);
    }

    /// <summary>README: <c>run.sh --pairs from:to,...</c> measures those ordered pairs only, in that order, each with its verification and load average.</summary>
    [Fact]
    public async Task Migrations_bench_run_sh_takes_ordered_pairs()
    {
        var result = (await Command.RunAsync("bash tests/Dashboard.Migrations.Bench/run.sh --orders 40 --pairs fauna:sqlite,sqlite:fauna", NoBuild, TimeSpan.FromMinutes(3)))
            .ShouldSucceed();

        Assert.Contains("per source tenant, the pairs fauna:sqlite, sqlite:fauna in that order", result.Stdout);
        var rows = Regex.Matches(result.Stdout, @"^\| (.+) \| [\d,]+ \| [\d.]+ s \| [\d.]+ s \| (?:change feed|version scan) \| 10 users, 40 orders, 0 differences \| 0 \| .+ → .+ \|$",
            RegexOptions.Multiline);
        Assert.Equal(["FaunaLocal → SQLite", "SQLite → FaunaLocal"], rows.Select(m => m.Groups[1].Value));
        Assert.Equal(2, Regex.Matches(result.Stdout, "verified 10 users, 40 orders, 0 differences").Count);
    }

    [Fact]
    public async Task Migrations_bench_refuses_a_pair_of_one_backend()
    {
        var result = await Command.RunAsync("bash tests/Dashboard.Migrations.Bench/run.sh --orders 40 --pairs sqlite:sqlite", NoBuild, TimeSpan.FromMinutes(3));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("'sqlite:sqlite' is not from:to of two different backends (sqlite, mariadb, dynamodb, fauna)", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Bench_sh_with_an_unknown_name_says_which_exist()
    {
        var result = await Command.RunAsync("scripts/bench.sh cassandra", Quick);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"unknown benchmark 'cassandra' ({string.Join(", ", Benchmarks)})", result.Stderr);
    }

    private static readonly string[] Benchmarks = ["dynamodb", "planetscale", "fauna", "metering", "recovery", "orders", "circuits", "live", "tenants", "alerts", "migrate"];

    private const string RollingStoreOfManyTenants = @"rolling store with 1,000 tenants after 2 h .*: [\d.]+ MiB for [\d,]+ series, [\d,]+ slots \(bound 200,000\)";

    private static readonly string[] Backends = ["SQLite", "MariaDB (PlanetScale)", "DynamoDB Local", "FaunaLocal"];

    private static readonly Dictionary<string, string?> Quick = new() { ["BENCH_QUICK"] = "1" };

    /// <summary>A benchmark's run.sh on the existing Release build, as bench.sh's quick mode starts it.</summary>
    private static readonly Dictionary<string, string?> NoBuild = new() { ["BENCH_NO_BUILD"] = "1" };
}
