using Dashboard.Operations.Alerts;
using Dashboard.Operations.Alerts.Rules;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Alerts;

/// <summary>Each rule over recorded series, with the clock at the end of the recording and moved past it.</summary>
public sealed class AlertRuleTests
{
    private static FakeTimeProvider ClockAt(DateTimeOffset at) => new(at);

    [Fact]
    public void Surfaced_throttles_fire_above_the_count_in_the_last_five_minutes_only()
    {
        var clock = ClockAt(RecordedSeries.End);
        var series = RecordedSeries.ThrottlingEpisode(); // 24 points × 3 surfaced in the last 4 min, none before
        var conditions = ThrottlingRule.Evaluate("acme", series, new ThrottlingRuleOptions { SurfacedAbove = 50, RetriedSharePercentAbove = null }, clock).ToList();

        var surfaced = Assert.Single(conditions);
        Assert.Equal(AlertRuleKind.SurfacedThrottles, surfaced.Rule);
        Assert.Equal(72, surfaced.Value);
        Assert.True(surfaced.Breached);
        Assert.Equal(30, surfaced.Sparkline.Count); // 5 min of 10-s points

        clock.Advance(TimeSpan.FromMinutes(4)); // only the last minute of the episode is still in the window
        var later = ThrottlingRule.Evaluate("acme", series, new ThrottlingRuleOptions { SurfacedAbove = 50, RetriedSharePercentAbove = null }, clock).Single();
        Assert.Equal(18, later.Value);
        Assert.False(later.Breached);
    }

    [Fact]
    public void Retried_share_counts_retries_among_attempts_and_needs_enough_attempts()
    {
        var clock = ClockAt(RecordedSeries.End);
        var options = new ThrottlingRuleOptions { SurfacedAbove = null, RetriedSharePercentAbove = 50, MinAttempts = 20 };
        var share = ThrottlingRule.Evaluate("acme", RecordedSeries.ThrottlingEpisode(), options, clock).Single();
        // last 30 points: 6 calm (20 calls, 1 retry) + 24 throttled (12 calls, 40 retries) = 966 retries of 408 + 966 attempts
        Assert.Equal(Math.Round(100.0 * 966 / 1374, 1), share.Value);
        Assert.True(share.Breached);

        var few = ThrottlingRule.Evaluate("acme", RecordedSeries.TenSecondPoints((2, 0, 9, 0)), options, clock).Single();
        Assert.False(few.Breached); // 82 % of 11 attempts: too few to judge
        Assert.Contains("fewer than the 20", few.Summary);
    }

    [Fact]
    public void Unavailable_fires_only_after_the_allowed_seconds_and_not_while_reachable()
    {
        var clock = ClockAt(RecordedSeries.End);
        var options = new HealthRuleOptions { UnavailableSecondsAbove = 60 };
        var since = RecordedSeries.End.AddSeconds(-45);
        Assert.False(HealthRule.Unavailable("acme", since, options, clock)!.Breached);
        clock.Advance(TimeSpan.FromSeconds(16));
        var down = HealthRule.Unavailable("acme", since, options, clock)!;
        Assert.True(down.Breached);
        Assert.Equal(61, down.Value);
        Assert.False(HealthRule.Unavailable("acme", null, options, clock)!.Breached);
        Assert.Null(HealthRule.Unavailable("acme", since, new HealthRuleOptions { UnavailableSecondsAbove = null }, clock));
    }

    [Fact]
    public void Error_rate_is_failures_over_calls_in_the_window()
    {
        var clock = ClockAt(RecordedSeries.End);
        var options = new HealthRuleOptions { ErrorRatePercentAbove = 10, WindowMinutes = 1, MinCalls = 20 };
        // 6 points in the last minute: 100 calls, 12 failures = 12 %; an older point full of failures is outside the window
        var series = RecordedSeries.TenSecondPoints((10, 10, 0, 0), (20, 2, 0, 0), (20, 2, 0, 0), (20, 2, 0, 0), (20, 2, 0, 0), (10, 2, 0, 0), (10, 2, 0, 0));
        var rate = HealthRule.ErrorRate("acme", series, options, clock)!;
        Assert.Equal(12, rate.Value);
        Assert.True(rate.Breached);
        Assert.False(HealthRule.ErrorRate("acme", series, new HealthRuleOptions { ErrorRatePercentAbove = 12.5, WindowMinutes = 1, MinCalls = 20 }, clock)!.Breached);
    }

    [Fact]
    public void Latency_p95_of_an_operation_fires_above_its_own_threshold()
    {
        var clock = ClockAt(RecordedSeries.End);
        var slow = Enumerable.Repeat(Enumerable.Range(0, 20).Select(i => i < 18 ? 20.0 : 900.0).ToArray(), 3).ToArray(); // p95 in the slow tail
        var series = RecordedSeries.Latency(slow);
        var options = new LatencyRuleOptions { P95MsAbove = 2000, MinCalls = 20, OperationP95MsAbove = { ["list_orders"] = 500 } };

        var listOrders = LatencyRule.Evaluate("acme", "list_orders", series, options, clock)!;
        Assert.True(listOrders.Breached);
        Assert.InRange(listOrders.Value, 500, 1400); // within the histogram's bucket around 900 ms
        Assert.False(LatencyRule.Evaluate("acme", "get_user", series, options, clock)!.Breached); // the general 2 s threshold

        clock.Advance(TimeSpan.FromMinutes(6)); // the window has moved past the recording
        var idle = LatencyRule.Evaluate("acme", "list_orders", series, options, clock)!;
        Assert.False(idle.Breached);
        Assert.Equal(0, idle.Value);
    }

    [Fact]
    public void Units_spike_compares_the_last_whole_minute_with_the_same_hours_median_over_the_days_before()
    {
        var clock = ClockAt(RecordedSeries.End.AddSeconds(20)); // 20 s into a minute: the minute before is the one judged
        var options = new UnitsSpikeRuleOptions { Factor = 5, MinBaselineDays = 1, MinUnitsPerMinute = 100 };
        var calm = Enumerable.Repeat(200.0, 20).ToArray();
        // The same hour on five earlier days: 180, 200, 210, 220, 900 units a minute (median 210).
        double[] sameHour = [180, 200, 210, 220, 900];
        var spike = UnitsSpikeRule.Evaluate("acme", RecordedSeries.Minutes([.. calm, 5000]), sameHour, options, clock)!;
        Assert.True(spike.Breached);
        Assert.Equal((5000.0, 1050.0), (spike.Value, spike.Threshold));
        Assert.Equal(5000, spike.Sparkline[^1]);
        Assert.False(UnitsSpikeRule.Evaluate("acme", RecordedSeries.Minutes([.. calm, 900]), sameHour, options, clock)!.Breached);

        // A busier hour's baseline (1,200 a minute): the same 5,000 is no spike at that hour.
        Assert.False(UnitsSpikeRule.Evaluate("acme", RecordedSeries.Minutes([.. calm, 5000]), [1100, 1200, 1300], options, clock)!.Breached);

        // No history for this hour: not judged, and the summary says how far the baseline got.
        var young = UnitsSpikeRule.Evaluate("acme", RecordedSeries.Minutes([.. calm, 50000]), [], options, clock)!;
        Assert.False(young.Breached);
        Assert.Contains("baseline: 0 of 7 days at 09:00 UTC", young.Summary);
        var twoDays = UnitsSpikeRule.Evaluate("acme", RecordedSeries.Minutes([.. calm, 50000]), [200, 200], new UnitsSpikeRuleOptions { MinBaselineDays = 3 }, clock)!;
        Assert.False(twoDays.Breached);
        Assert.Contains("baseline: 2 of 7 days", twoDays.Summary);

        // A quiet tenant's median of a few units: the floor keeps a handful of calls from counting as a spike.
        Assert.False(UnitsSpikeRule.Evaluate("acme", RecordedSeries.Minutes([.. Enumerable.Repeat(2.0, 20), 60]), [2, 2, 3], options, clock)!.Breached);
    }

    [Fact]
    public void Budget_fires_when_the_projection_passes_the_share_of_the_budget()
    {
        var over = BudgetRule.Evaluate("tenant acme", "acme", projectedMonthUsd: 45m, budgetUsd: 50m, percent: 80);
        Assert.True(over.Breached);
        Assert.Equal(90, over.Value);
        Assert.False(BudgetRule.Evaluate("provider DynamoDB", null, 39m, 50m, 80).Breached);
    }

    [Fact]
    public void The_life_cycle_fires_after_the_hold_keeps_one_alert_through_flapping_and_resolves_after_the_clear_hold()
    {
        var t0 = RecordedSeries.End;
        var fireAfter = TimeSpan.FromSeconds(30);
        var hold = TimeSpan.FromMinutes(2);
        Assert.Equal(AlertStep.None, AlertLifecycle.Next(null, t0, true, t0.AddSeconds(15), fireAfter, hold));
        Assert.Equal(AlertStep.Fire, AlertLifecycle.Next(null, t0, true, t0.AddSeconds(30), fireAfter, hold));
        Assert.Equal(AlertStep.None, AlertLifecycle.Next(null, null, false, t0, fireAfter, hold));

        var open = new Dashboard.Core.Alerts.AlertRecord(1, "k", "ErrorRate", "tenant acme", "acme", Dashboard.Core.Alerts.AlertState.Firing,
            t0, t0.AddMinutes(1), null, 12, 10, "", [], null, null, null, null, 1);
        Assert.Equal(AlertStep.Observe, AlertLifecycle.Next(open, null, false, t0.AddMinutes(2), fireAfter, hold)); // clear, inside the hold
        Assert.Equal(AlertStep.Observe, AlertLifecycle.Next(open, t0, true, t0.AddMinutes(2), fireAfter, hold));
        Assert.Equal(AlertStep.Resolve, AlertLifecycle.Next(open, null, false, t0.AddMinutes(3), fireAfter, hold));
    }
}
