using Dashboard.Core.Usage;
using Dashboard.Core.Stores;
using Dashboard.Operations.Metering;
using Dashboard.Operations.Queries;
using Dashboard.Operations.Metering.Rolling;

namespace Dashboard.Tests.Metering;

public sealed class MeteringArithmeticTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Units_reported_during_a_call_add_up_per_unit()
    {
        var usage = new CallUsage();
        usage.Add(UsageUnit.ReadCapacityUnits, 0.5);
        usage.Add(UsageUnit.ReadCapacityUnits, 1.5);
        usage.Add(UsageUnit.WriteCapacityUnits, 2);
        usage.Add(UsageUnit.RowsRead, 0);

        Assert.Equal(new Dictionary<UsageUnit, double> { [UsageUnit.ReadCapacityUnits] = 2, [UsageUnit.WriteCapacityUnits] = 2 }, usage.Units);
        Assert.Equal(4, usage.UnitAmounts.Sum());
    }

    [Fact]
    public void An_outer_retry_re_marks_the_providers_surfaced_throttle_as_retried()
    {
        var usage = new CallUsage();
        usage.RecordThrottle("ProvisionedThroughputExceededException", retried: true);
        var before = usage.ThrottleCount;
        usage.RecordThrottle("ProvisionedThroughputExceededException", retried: false);

        Assert.True(usage.MarkLastThrottle(before, retried: true));
        Assert.False(usage.MarkLastThrottle(usage.ThrottleCount, retried: true));
        Assert.All(usage.Throttles, t => Assert.True(t.Retried));
    }

    [Fact]
    public void Window_totals_count_calls_outcomes_units_and_throttles()
    {
        var clock = new ManualClock(Start);
        var store = new RollingStore(clock, new ThrottleLog());
        var series = Calls.Series();
        for (var i = 0; i < 10; i++)
        {
            store.Record(Calls.Finished(series, 10, units: [(UsageUnit.ReadCapacityUnits, 0.5)]));
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        store.Record(Calls.Finished(series, 40, StoreOutcome.Throttled, throttles: [("ThrottlingException", true), ("ThrottlingException", false)]));
        store.Record(Calls.Finished(series, 5, StoreOutcome.Conflict));
        store.Record(Calls.Finished(series, 5, StoreOutcome.NotFound));

        var total = store.Read(TimeSpan.FromMinutes(15), 90).Series.Single().Total;

        Assert.Equal(13, total.Calls);
        Assert.Equal(5.0, total.Units(UsageUnit.ReadCapacityUnits));
        Assert.Equal(1, total.Outcome(StoreOutcome.Throttled));
        Assert.Equal(1.0 / 13, total.ErrorRate, 6);   // throttled counts; conflict and not-found do not
        Assert.Equal(1.0 / 13, total.ConflictRate, 6);
        Assert.Equal((1L, 1L), (total.ThrottlesRetried, total.ThrottlesSurfaced));
        Assert.Equal(2, store.Throttles.TotalAdded);
    }

    [Fact]
    public void Percentiles_fall_in_the_right_bucket_and_never_outside_what_was_seen()
    {
        var clock = new ManualClock(Start);
        var store = new RollingStore(clock, new ThrottleLog());
        var series = Calls.Series();
        for (var i = 1; i <= 100; i++) store.Record(Calls.Finished(series, i));   // 1..100 ms

        var total = store.Read(TimeSpan.FromMinutes(15), 10).Series.Single().Total;

        Assert.InRange(total.PercentileMs(0.50)!.Value, 50 / 1.5, 50 * 1.5);
        Assert.InRange(total.PercentileMs(0.95)!.Value, 95 / 1.5, 100);
        Assert.Equal(100, total.PercentileMs(1.0));
        Assert.Equal(50.5, total.MeanMs!.Value, 6);

        var single = new RollingStore(clock, new ThrottleLog());
        single.Record(Calls.Finished(series, 7.3));
        Assert.Equal(7.3, single.Read(TimeSpan.FromMinutes(15), 10).Series.Single().Total.PercentileMs(0.99)!.Value, 6);
    }

    [Fact]
    public void The_throughput_report_gives_ops_per_second_over_the_window_and_groups_provider_tenant_operation()
    {
        var clock = new ManualClock(Start);
        var store = new RollingStore(clock, new ThrottleLog());
        var get = Calls.Series("acme", "DynamoDB", StoreOperation.GetUser);
        var list = Calls.Series("acme", "DynamoDB", StoreOperation.ListUsers);
        for (var s = 0; s < 60; s++)
        {
            for (var i = 0; i < 3; i++) store.Record(Calls.Finished(get, 4));
            store.Record(Calls.Finished(list, 12));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var report = new ThroughputQuery(store, new InstanceName("test")).Build(OpsWindow.Last15Minutes);

        // The whole fleet: provider then tenant rows; a tenant's operations are read when a page shows it.
        Assert.Equal(["DynamoDB", "acme"], report.Rows.Select(r => r.Name));
        Assert.Equal(["list_users", "get_user"], report.OperationsOf!(["acme"]).Select(r => r.Name));
        var provider = report.Rows[0];
        Assert.Equal(240, provider.Calls);
        Assert.Equal(240 / 900.0, provider.OpsPerSecond, 6);
        Assert.Equal(OpsWindow.Last15Minutes.ChartPoints, report.PointLabels.Count);
        // 10-second points: 4 calls a second = 4 ops/s in every point that saw traffic.
        Assert.Equal(4, report.OpsPerSecond.Single().Values.Max(), 6);
    }
}
