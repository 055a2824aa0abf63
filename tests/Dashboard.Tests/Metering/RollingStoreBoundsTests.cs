using Dashboard.Core.Usage;
using Dashboard.Operations.Metering.Rolling;

namespace Dashboard.Tests.Metering;

public sealed class RollingStoreBoundsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_day_and_more_of_traffic_keeps_at_most_an_hour_of_seconds_and_a_day_of_minutes()
    {
        var clock = new ManualClock(Start);
        var store = new RollingStore(clock, new ThrottleLog());
        var series = Calls.Series();
        for (var s = 0; s < 25 * 3600; s++)
        {
            store.Record(Calls.Finished(series, 5));
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        clock.Advance(TimeSpan.FromSeconds(-1));   // "now" is the last second written

        Assert.Equal((1, RollingStore.SlotsPerSeries), store.Size);
        Assert.Equal(3600, store.Read(TimeSpan.FromHours(1), 60).Series.Single().Total.Calls);
        Assert.Equal(900, store.Read(TimeSpan.FromMinutes(15), 90).Series.Single().Total.Calls);
        // The minute ring: 1,440 full minutes, nothing older than 24 h.
        Assert.Equal(24 * 3600, store.Read(TimeSpan.FromHours(24), 72).Series.Single().Total.Calls);
    }

    [Fact]
    public void Data_older_than_the_window_is_not_counted_even_where_a_slot_was_not_reused()
    {
        var clock = new ManualClock(Start);
        var store = new RollingStore(clock, new ThrottleLog());
        store.Record(Calls.Finished(Calls.Series(), 5));
        clock.Advance(TimeSpan.FromMinutes(20));

        Assert.Empty(store.Read(TimeSpan.FromMinutes(15), 90).Series);
        Assert.Single(store.Read(TimeSpan.FromHours(1), 60).Series);
        clock.Advance(TimeSpan.FromHours(25));
        Assert.Empty(store.Read(TimeSpan.FromHours(24), 72).Series);
    }

    [Fact]
    public void The_throttle_log_keeps_only_its_capacity_newest_first()
    {
        var log = new ThrottleLog(capacity: 100);
        for (var i = 0; i < 250; i++)
            log.Add(new ThrottleRecord(Start.AddSeconds(i), "t1", "DynamoDB", "get_user", $"cause {i}", true));

        var kept = log.Since(DateTimeOffset.MinValue);
        Assert.Equal(100, kept.Count);
        Assert.Equal("cause 249", kept[0].Cause);
        Assert.Equal("cause 150", kept[^1].Cause);
        Assert.Equal(250, log.TotalAdded);
    }

    [Fact]
    public void A_tenant_store_rebuilt_after_eviction_adds_to_the_same_series()
    {
        var clock = new ManualClock(Start);
        var store = new RollingStore(clock, new ThrottleLog());
        store.Record(Calls.Finished(Calls.Series("t1"), 5));
        store.Record(Calls.Finished(Calls.Series("t1"), 5));   // a new key object, as a rebuilt store makes

        Assert.Equal(1, store.Size.Series);
        Assert.Equal(2, store.Read(TimeSpan.FromMinutes(15), 90).Series.Single().Total.Calls);
    }

    [Fact]
    public void A_series_with_no_call_for_a_day_is_dropped()
    {
        var clock = new ManualClock(Start);
        var store = new RollingStore(clock, new ThrottleLog());
        store.Record(Calls.Finished(Calls.Series("quiet"), 5));
        clock.Advance(TimeSpan.FromHours(24) + RollingStore.SweepInterval + TimeSpan.FromSeconds(1));
        store.Record(Calls.Finished(Calls.Series("busy"), 5));

        Assert.Equal(1, store.Size.Series);
        Assert.Equal("busy", store.Read(TimeSpan.FromMinutes(15), 90).Series.Single().Key.Tenant);
    }

    [Fact]
    public void Past_its_bound_the_store_lets_the_oldest_minutes_go_and_the_pages_say_before_when()
    {
        var clock = new ManualClock(Start);
        var store = new RollingStore(clock, new ThrottleLog(), maxSlots: 1_000);
        Assert.Null(store.MissingHistory(TimeSpan.FromHours(24)));
        // 1,000 tenants, one call each a second apart: two slots each (its second and its minute).
        for (var t = 0; t < 1_000; t++)
        {
            store.Record(Calls.Finished(Calls.Series($"t{t:D4}"), 5));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var (series, slots) = store.Size;
        Assert.True(slots <= 1_000, $"{slots} slots kept");
        Assert.True(series < 1_000, $"{series} series kept");
        var kept = store.Read(TimeSpan.FromHours(1), 60).Series.Select(s => s.Key.Tenant).ToList();
        Assert.Contains("t0999", kept);
        Assert.DoesNotContain("t0000", kept);
        // Whole minutes go: every tenant called in a minute that is kept is still there.
        var firstMinute = int.Parse(kept.Min(StringComparer.Ordinal)![1..]) / 60;
        Assert.Equal(1_000 - firstMinute * 60, kept.Count);
        var missing = store.MissingHistory(TimeSpan.FromHours(1));
        Assert.NotNull(missing);
        Assert.Contains($"before {Start.AddMinutes(firstMinute):HH:mm} UTC are missing", missing);
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Null(store.MissingHistory(TimeSpan.FromHours(1)));
    }

    [Fact]
    public void When_old_minutes_cannot_make_room_the_least_recently_called_series_go_and_trims_stay_rare()
    {
        var clock = new ManualClock(Start);
        var store = new RollingStore(clock, new ThrottleLog(), maxSlots: 100);
        // 200 tenants called within one minute, four a second: letting whole old minutes go frees nothing.
        for (var t = 0; t < 200; t++)
        {
            store.Record(Calls.Finished(Calls.Series($"t{t:D4}"), 5));
            clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        var (series, slots) = store.Size;
        // Trimmed to 90 % of the bound at most once a second, so at most a second of calls above it.
        Assert.True(slots <= 100 + 4 * 2 * 15, $"{slots} slots kept");
        Assert.True(series < 200, $"{series} series kept");
        var kept = store.Read(TimeSpan.FromHours(1), 60).Series.Select(s => s.Key.Tenant).ToList();
        Assert.Contains("t0199", kept);
        Assert.DoesNotContain("t0000", kept);
        Assert.NotNull(store.MissingHistory(TimeSpan.FromHours(1)));
    }
}
