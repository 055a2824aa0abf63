using System.Text.RegularExpressions;

namespace Dashboard.Commands.Tests;

/// <summary>
/// README: <c>dotnet test tests/Dashboard.Providers.Tests --filter Backend=DynamoDb</c> and
/// <c>scripts/bench.sh [dynamodb|planetscale|fauna|metering|recovery|orders|circuits|live|tenants]</c>. The benchmarks run in their documented smoke
/// mode (BENCH_QUICK=1: tiny tables, short figures, the existing build); each starts its own servers on free ports.
/// </summary>
public sealed partial class TestAndBenchCommandTests
{
    [Fact]
    public async Task Dotnet_test_filtered_by_backend_runs_the_DynamoDb_tests()
    {
        var result = (await Command.RunAsync("dotnet test tests/Dashboard.Providers.Tests -c Release --no-build --filter Backend=DynamoDb",
            timeout: TimeSpan.FromMinutes(5))).ShouldSucceed();

        var summary = Summary().Match(result.Stdout);
        Assert.True(summary.Success, result.ToString());
        Assert.Equal("0", summary.Groups["failed"].Value);
        // The contract suite alone is 72 cases per backend.
        Assert.True(int.Parse(summary.Groups["passed"].Value) >= 72, summary.Value);
    }

    [Fact]
    public async Task Bench_sh_with_no_argument_runs_every_benchmark_and_prints_their_figures()
    {
        var result = (await Command.RunAsync("scripts/bench.sh", Quick, TimeSpan.FromMinutes(15))).ShouldSucceed();

        foreach (var name in new[] { "dynamodb", "planetscale", "fauna", "metering", "recovery", "orders", "circuits", "live", "tenants" }) Assert.Contains($"==> benchmark: {name}", result.Stdout);
        // dynamodb: both sizes measured, then their ratio.
        Assert.Matches(@"users page 1 \(email order\), service", result.Stdout);
        Assert.Contains("== ratio 400 / 200 users", result.Stdout);
        // planetscale: first and deep pages at both sizes, service and raw.
        Assert.Matches(@"service first page\s+median", result.Stdout);
        Assert.Contains("ratio 400 / 200 users (median):", result.Stdout);
        // fauna: the combined table with both storages and both operations.
        Assert.Contains("Point operations per second, 2 clients, 0.5 s each", result.Stdout);
        Assert.Matches(@"\| in-memory +\| point read +\| +\d+ \(", result.Stdout);
        Assert.Matches(@"\| on-disk +\| write +\| +\d+ \(", result.Stdout);
        // fauna, event streams: commits and events per second with latencies, then many idle streams at once.
        Assert.Matches(@"FaunaLocal event streams: one writer", result.Stdout);
        Assert.Matches(@"\n +10 +\d+ +\d+ +[\d.]+ +[\d.]+ +[\d.]+", result.Stdout);
        Assert.Matches(@"\d+ idle streams held at once: [\d.]+ KiB of server heap per stream", result.Stdout);
        // metering: CPU and bytes per call, the rolling store's day.
        Assert.Matches(@"metering overhead: -?\d+ ns CPU per call", result.Stdout);
        Assert.Contains("rolling store after 24 h:", result.Stdout);
        Assert.Matches(@"rolling store with 1,000 tenants after 2 h .*: [\d.]+ MiB for [\d,]+ series, [\d,]+ slots \(bound 200,000\)", result.Stdout);
        // recovery: a backend killed and restarted, the time until its tenant is healthy again, nothing lost.
        Assert.Matches(@"healthy after the backend answers: min \d+ ms", result.Stdout);
        Assert.DoesNotContain("LOST", result.Stdout);
        // orders: the first-page table of every backend.
        Assert.Contains("| backend | 200 orders | 400 orders | 400 / 200 |", result.Stdout);
        // circuits: agents' memory per circuit, click → render and CPU, one row per agent count.
        Assert.Matches(@"\| 3 \| [\d.]+ MiB \| -?\d+ KB \| -?\d+ KB \| \d+ \| \d+ ms \| \d+ ms \| \d+ ms \| [\d.]+ % of a core \|", result.Stdout);
        // live: change → visible per backend, and the cost of watching.
        Assert.Matches(@"\| SQLite \| dashboard \| 3 \| \d+ ms \| \d+ ms \|", result.Stdout);
        // tenants: 100 generated tenants, each page's size and time to interactive.
        Assert.Matches(@"\| 100 \| /ops/throughput \| [\d.]+ KB \| \d+ ms \| \d+ ms \|", result.Stdout);
    }

    [Fact]
    public async Task Bench_sh_circuits_runs_agents_on_one_instance_and_prints_their_figures()
    {
        var result = (await Command.RunAsync("scripts/bench.sh circuits", Quick, TimeSpan.FromMinutes(4))).ShouldSucceed();

        Assert.Contains("==> benchmark: circuits", result.Stdout);
        Assert.Contains("heap with one warm agent:", result.Stdout);
        Assert.Matches(@"\| 3 \| [\d.]+ MiB \| -?\d+ KB \| -?\d+ KB \| \d+ \| \d+ ms \| \d+ ms \| \d+ ms \| [\d.]+ % of a core \|", result.Stdout);
    }

    [Fact]
    public async Task Bench_sh_tenants_starts_the_app_with_generated_tenants_and_prints_its_figures()
    {
        var result = (await Command.RunAsync("scripts/bench.sh tenants", Quick, TimeSpan.FromMinutes(3))).ShouldSucceed();

        Assert.Single(Regex.Matches(result.Stdout, "==> benchmark:"));
        // Start, first health pass, three RSS readings, /healthz p50 and p95, no backend ping per /healthz, and series.
        Assert.Matches(@"\| 100 \| [\d.]+ s \| [\d.]+ s \| \d+ MiB \| \d+ MiB \| \d+ MiB \| [\d.]+ ms \| [\d.]+ ms \| 0 \([\d,]+ other calls meanwhile\) \| [\d,]+ \| [\d,]+ \(100 used\) \| [\d,]+ \(measured\) \|", result.Stdout);
        foreach (var page in new[] { "/", "/ops/throughput", "/ops/throttling", "/ops/cost" })
            Assert.Matches($@"\| 100 \| {Regex.Escape(page)} \| [\d.]+ KB \| \d+ ms \| \d+ ms \|", result.Stdout);
        Assert.Matches(@"dashboard_store_operations_total: 100 \(100\)", result.Stdout);
    }

    [Fact]
    public async Task Bench_sh_orders_measures_the_status_filtered_first_page_and_the_export_on_every_backend()
    {
        var result = (await Command.RunAsync("scripts/bench.sh orders", Quick, TimeSpan.FromMinutes(5))).ShouldSucceed();

        Assert.Single(Regex.Matches(result.Stdout, "==> benchmark:"));
        foreach (var backend in new[] { "SQLite", "MariaDB (PlanetScale)", "DynamoDB Local", "FaunaLocal" })
        {
            // A row per backend: both sizes' medians, their ratio, the export's rows/s and heap peak.
            Assert.Matches($@"\| {Regex.Escape(backend)} \| [\d.]+ \([\d.]+\) ms \| [\d.]+ \([\d.]+\) ms \| [\d.]+× \| [\d,]+ \| [\d.]+ MiB \|", result.Stdout);
            Assert.Contains($"{backend}: 400 orders loaded", result.Stdout);
        }
        Assert.Matches(@"400 orders, export of every order +400 rows in", result.Stdout);
    }

    [Fact]
    public async Task Bench_sh_live_measures_change_to_visible_and_the_cost_of_watching_on_every_backend()
    {
        var result = (await Command.RunAsync("scripts/bench.sh live", Quick, TimeSpan.FromMinutes(5))).ShouldSucceed();

        Assert.Single(Regex.Matches(result.Stdout, "==> benchmark:"));
        Assert.Contains("measured at the service layer (not through browsers)", result.Stdout);
        foreach (var backend in new[] { "SQLite", "MariaDB (PlanetScale)", "DynamoDB Local", "FaunaLocal" })
        {
            // Change → visible: p50 and p95 of the dashboard's saves and of one made outside it.
            Assert.Matches($@"\| {Regex.Escape(backend)} \| dashboard \| 3 \| \d+ ms \| \d+ ms \|", result.Stdout);
            Assert.Matches($@"\| {Regex.Escape(backend)} \| outside \| 1 \| \d+ ms \| \d+ ms \|", result.Stdout);
            // The cost of watching: 1 and 10 open pages, feed reads and units per hour, in total and per page.
            foreach (var pages in new[] { 1, 10 })
                Assert.Matches($@"\| {Regex.Escape(backend)} \| {pages} \| [\d,]+ \| (none|[\d,]+ [a-z ]+(, [\d,]+ [a-z ]+)*) \| (none|[\d,]+ [a-z ]+(, [\d,]+ [a-z ]+)*) \|", result.Stdout);
        }
        // Polling and stream reads cost something every hour even when nothing changes.
        Assert.Matches(@"\| SQLite \| 1 \| [\d,]+ \| [1-9][\d,]* rows read \|", result.Stdout);
        Assert.Matches(@"\| DynamoDB Local \| 1 \| [\d,]+ \| [1-9][\d,]* stream reads \|", result.Stdout);
    }

    [Fact]
    public async Task Bench_sh_with_a_name_runs_that_benchmark_only()
    {
        var result = (await Command.RunAsync("scripts/bench.sh metering", Quick)).ShouldSucceed();

        Assert.Contains("==> benchmark: metering", result.Stdout);
        Assert.Matches(@"metering overhead: -?\d+ ns CPU per call", result.Stdout);
        Assert.Matches(@"rolling store with 1,000 tenants after 2 h .*: [\d.]+ MiB for [\d,]+ series, [\d,]+ slots \(bound 200,000\)", result.Stdout);
        Assert.Single(Regex.Matches(result.Stdout, "==> benchmark:"));
    }

    [Fact]
    public async Task Bench_sh_with_an_unknown_name_says_which_exist()
    {
        var result = await Command.RunAsync("scripts/bench.sh cassandra", Quick);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unknown benchmark 'cassandra' (dynamodb, planetscale, fauna, metering, recovery, orders, circuits, live, tenants)", result.Stderr);
    }

    private static readonly Dictionary<string, string?> Quick = new() { ["BENCH_QUICK"] = "1" };

    [GeneratedRegex(@"Passed!\s+-\s+Failed:\s+(?<failed>\d+),\s+Passed:\s+(?<passed>\d+)")]
    private static partial Regex Summary();
}
