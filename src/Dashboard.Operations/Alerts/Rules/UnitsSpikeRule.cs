namespace Dashboard.Operations.Alerts.Rules;

/// <summary>
/// A tenant's units in the last complete minute against <c>Factor</c> × the median units per minute of the same UTC
/// hour on the previous days of the week (the days that have a figure; <see cref="UnitsBaseline"/>). A scan-shaped
/// access pattern shows as a jump far above what this hour usually costs; comparing with the same hour keeps the
/// daily peak from looking like one. Not judged until <c>MinBaselineDays</c> of history exist.
/// </summary>
public static class UnitsSpikeRule
{
    /// <param name="minutes">Units per minute, one point per minute that had calls (At = the minute's start); the judged minute and the sparkline.</param>
    /// <param name="sameHour">Units per minute in this hour on each previous day that has a figure.</param>
    public static AlertCondition? Evaluate(string tenant, IReadOnlyList<TenantPoint> minutes, IReadOnlyList<double> sameHour, UnitsSpikeRuleOptions o, TimeProvider clock)
    {
        if (o.Factor is not { } factor) return null;
        var now = clock.GetUtcNow();
        var currentMinute = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var judgedMinute = currentMinute.AddMinutes(-1);
        var byMinute = minutes.GroupBy(p => p.At).ToDictionary(g => g.Key, g => g.Sum(p => p.Units));
        var last = byMinute.GetValueOrDefault(judgedMinute);
        var sparkline = Enumerable.Range(0, 31).Select(i => byMinute.GetValueOrDefault(judgedMinute.AddMinutes(i - 30))).ToList();

        var median = Median(sameHour);
        var threshold = Math.Max(factor * median, o.MinUnitsPerMinute);
        var judged = sameHour.Count >= o.MinBaselineDays;
        var hour = judgedMinute.UtcDateTime.Hour;
        return new AlertCondition(AlertRuleKind.UnitsSpike, $"tenant {tenant}", tenant, judged && last > threshold, Math.Round(last, 1), Math.Round(threshold, 1), sparkline,
            judged ? $"{last:N0} units in the minute to {currentMinute.UtcDateTime:HH:mm} UTC against a median of {median:N1} units/min at {hour:00}:00–{hour:00}:59 UTC " +
                     $"over the {sameHour.Count} previous days with figures (above {factor:0.#} × median, and at least {o.MinUnitsPerMinute:N0}, fires)"
                   : $"baseline: {sameHour.Count} of {UnitsBaseline.Days} days at {hour:00}:00 UTC, fewer than the {o.MinBaselineDays} needed to judge");
    }

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
