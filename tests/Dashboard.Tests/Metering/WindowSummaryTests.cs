using Dashboard.Core.Stores;
using Dashboard.Core.Usage;
using Dashboard.Operations.Metering;
using Dashboard.Operations.Metering.Rolling;
using Dashboard.Operations.Queries;

namespace Dashboard.Tests.Metering;

/// <summary>
/// The one-pass summary the fleet-wide ops pages read (per provider and per tenant totals, per provider chart points)
/// gives what summing every series' own read gave, and stays consistent while calls are recorded during it.
/// </summary>
public sealed class WindowSummaryTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] Providers = ["DynamoDB", "Fauna", "SQLite sandbox"];
    private static readonly StoreOperation[] Operations = [StoreOperation.GetUser, StoreOperation.ListUsers, StoreOperation.EnsureSchema, StoreOperation.LiveUpdates, StoreOperation.Ping];

    /// <summary>Random calls over 40 minutes: 60 tenants on 3 providers, 5 operations, every outcome, latencies, units and throttles.</summary>
    private static (RollingStore Store, ManualClock Clock) RandomCalls(int seed, int calls = 6000)
    {
        var random = new Random(seed);
        var clock = new ManualClock(Start);
        var store = new RollingStore(clock, new ThrottleLog());
        for (var i = 0; i < calls; i++)
        {
            if (random.Next(10) == 0) clock.Advance(TimeSpan.FromSeconds(random.Next(1, 5)));
            var tenant = random.Next(60);
            var series = Calls.Series($"t{tenant:00}", Providers[tenant % Providers.Length], Operations[random.Next(Operations.Length)]);
            var throttles = random.Next(8) == 0 ? Enumerable.Range(0, random.Next(1, 3)).Select(_ => ("ThrottlingException", random.Next(2) == 0)).ToArray() : null;
            store.Record(Calls.Finished(series, random.NextDouble() * 300, (StoreOutcome)random.Next(StoreOutcomes.Count),
                [((UsageUnit)random.Next(UsageUnits.Count), random.Next(1, 20) / 2.0)], throttles));
        }
        return (store, clock);
    }

    public static TheoryData<string, int> Windows => new() { { "15m", 1 }, { "1h", 2 }, { "24h", 3 } };

    [Theory]
    [MemberData(nameof(Windows))]
    public void Per_provider_and_per_tenant_sums_equal_the_sums_of_every_series_read_on_its_own(string window, int seed)
    {
        var (store, _) = RandomCalls(seed);
        var span = OpsWindow.Parse(window).Span;
        var points = OpsWindow.Parse(window).ChartPoints;
        var summary = store.Summarize(span, points);
        var read = store.Read(summary.Frame);

        Assert.Equal(read.PointCount, summary.Frame.PointCount);
        var byProvider = read.Series.GroupBy(s => s.Key.Provider).ToDictionary(g => g.Key, g => ThroughputQuery.Total(g));
        Assert.Equal(byProvider.Keys.Order(), summary.Providers.Keys.Order());
        foreach (var (provider, total) in byProvider) AssertSame(total, summary.Providers[provider]);

        var byTenant = read.Series.GroupBy(s => (s.Key.Provider, s.Key.Tenant)).ToDictionary(g => g.Key, g => ThroughputQuery.Total(g));
        Assert.Equal(byTenant.Count, summary.Tenants.Count);
        foreach (var t in summary.Tenants) AssertSame(byTenant[(t.Provider, t.Tenant)], t.Total);

        var requestPath = read.Series.Where(s => !StoreOperations.IsMaintenance(s.Key.Operation)).GroupBy(s => s.Key.Provider)
            .ToDictionary(g => g.Key, g => ThroughputQuery.Merge(g, read.PointCount));
        Assert.Equal(requestPath.Keys.Order(), summary.RequestPathPoints.Keys.Order());
        foreach (var (provider, merged) in requestPath) AssertSamePoints(merged, summary.RequestPathPoints[provider]);
        AssertSamePoints(ThroughputQuery.Merge(read.Series, read.PointCount), summary.AllPoints);
    }

    [Fact]
    public void The_peak_units_per_second_of_each_tenant_are_those_of_its_busiest_second_on_the_request_path()
    {
        var (store, _) = RandomCalls(seed: 4);
        var span = TimeSpan.FromMinutes(15);
        // Reference: every second its own chart point, each tenant's request-path series summed per point, the largest kept.
        var read = store.Read(span, (int)span.TotalSeconds);
        var expected = read.Series.Where(s => !StoreOperations.IsMaintenance(s.Key.Operation)).GroupBy(s => s.Key.Tenant)
            .ToDictionary(g => g.Key, g =>
            {
                var merged = ThroughputQuery.Merge(g, read.PointCount).Where(p => p is not null).ToList();
                return UsageUnits.All.Select(u => merged.Max(p => p!.Units(u))).ToArray();
            });

        var peaks = store.PeakUnitsPerSecond(span);

        Assert.Equal(expected.Keys.Order(), peaks.Keys.Order());
        foreach (var (tenant, peak) in expected)
            for (var u = 0; u < UsageUnits.Count; u++) Assert.Equal(peak[u], peaks[tenant][u], 9);
    }

    [Fact]
    public async Task A_summary_taken_while_calls_are_recorded_is_consistent_and_the_last_one_counts_every_call()
    {
        var clock = new ManualClock(Start);
        var store = new RollingStore(clock, new ThrottleLog());
        const int Writers = 4, PerWriter = 20_000;
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < PerWriter; i++)
                store.Record(Calls.Finished(Calls.Series($"t{(w * 7 + i) % 500:000}", Providers[i % Providers.Length], Operations[i % Operations.Length]), 3,
                    units: [(UsageUnit.ReadCapacityUnits, 1)]));
        }, TestContext.Current.CancellationToken)).ToArray();

        var summaries = 0;
        while (!writers.All(w => w.IsCompleted) || summaries == 0)
        {
            var summary = store.Summarize(TimeSpan.FromMinutes(15), 90);
            // Each slot is added to its tenant, its provider and its point together, under its series' lock.
            var byTenants = summary.Tenants.Sum(t => t.Total.Calls);
            Assert.Equal(byTenants, summary.Providers.Values.Sum(p => p.Calls));
            Assert.Equal(byTenants, summary.AllPoints.Sum(p => p?.Calls ?? 0));
            Assert.Equal((double)byTenants, summary.Tenants.Sum(t => t.Total.Units(UsageUnit.ReadCapacityUnits)));
            summaries++;
        }
        await Task.WhenAll(writers);

        var last = store.Summarize(TimeSpan.FromMinutes(15), 90);
        Assert.Equal(Writers * PerWriter, last.Providers.Values.Sum(p => p.Calls));
        Assert.Equal(500, last.Tenants.Select(t => t.Tenant).Distinct().Count());
        Assert.True(summaries > 0);
    }

    [Fact]
    public void The_fleet_throughput_report_lists_tenants_without_operations_and_reads_those_of_the_tenants_asked_for()
    {
        var (store, _) = RandomCalls(seed: 5);
        var query = new ThroughputQuery(store, new InstanceName("test"));

        var report = query.Build(OpsWindow.Last15Minutes);

        Assert.DoesNotContain(report.Rows, r => r.Level == RowLevel.Operation);
        var tenants = report.Rows.Where(r => r.Level == RowLevel.Tenant).ToList();
        Assert.Equal(report.Rows.Where(r => r.Level == RowLevel.Provider).Sum(r => r.Calls), tenants.Sum(t => t.Calls));
        var asked = tenants.Take(3).Select(t => t.Tenant!).ToHashSet();
        var operations = report.OperationsOf!(asked);
        Assert.Equal(asked.Order(), operations.Select(o => o.Tenant!).Distinct().Order());
        foreach (var tenant in tenants.Take(3))
            Assert.Equal(tenant.Calls, operations.Where(o => o.Tenant == tenant.Tenant && o.Provider == tenant.Provider).Sum(o => o.Calls));

        // One tenant's page, as before: its operations are in the rows, and they add up to the same calls.
        var one = query.Build(OpsWindow.Last15Minutes, tenants[0].Tenant);
        Assert.Null(one.OperationsOf);
        Assert.Equal(tenants[0].Calls, one.Rows.Where(r => r.Level == RowLevel.Operation).Sum(r => r.Calls));
    }

    private static void AssertSame(WindowStats expected, WindowStats actual)
    {
        Assert.Equal(expected.Calls, actual.Calls);
        Assert.Equal(expected.LatencyCounts.ToArray(), actual.LatencyCounts.ToArray());
        foreach (var outcome in Enum.GetValues<StoreOutcome>()) Assert.Equal(expected.Outcome(outcome), actual.Outcome(outcome));
        foreach (var unit in UsageUnits.All) Assert.Equal(expected.Units(unit), actual.Units(unit), 9);
        Assert.Equal((expected.ThrottlesRetried, expected.ThrottlesSurfaced), (actual.ThrottlesRetried, actual.ThrottlesSurfaced));
        Assert.Equal((expected.MinMs, expected.MaxMs), (actual.MinMs, actual.MaxMs));
        Assert.Equal(expected.LatencySumMs, actual.LatencySumMs, 6);
        Assert.Equal(expected.PercentileMs(0.99), actual.PercentileMs(0.99));
    }

    private static void AssertSamePoints(IReadOnlyList<WindowStats?> expected, IReadOnlyList<WindowStats?> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i] is null, actual[i] is null);
            if (expected[i] is { } e) AssertSame(e, actual[i]!);
        }
    }
}
