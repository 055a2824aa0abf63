namespace Dashboard.Operations.Alerts.Rules;

/// <summary>
/// A tenant's units in the last complete minute against <c>Factor</c> × the median units per minute of the
/// minutes before it (the trailing <c>HistoryMinutes</c>; a minute without calls counts as 0). A scan-shaped access
/// pattern shows as a jump far above the usual minute.
/// </summary>
public static class UnitsSpikeRule
{
    /// <param name="minutes">Units per minute, one point per minute that had calls (At = the minute's start).</param>
    public static AlertCondition? Evaluate(string tenant, IReadOnlyList<TenantPoint> minutes, UnitsSpikeRuleOptions o, TimeProvider clock)
    {
        if (o.Factor is not { } factor) return null;
        var now = clock.GetUtcNow();
        var currentMinute = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var judgedMinute = currentMinute.AddMinutes(-1);
        var byMinute = minutes.GroupBy(p => p.At).ToDictionary(g => g.Key, g => g.Sum(p => p.Units));
        var last = byMinute.GetValueOrDefault(judgedMinute);

        // The history is the minutes before the judged one, back to the first this tenant was seen in (or the full span).
        var historyStart = judgedMinute.AddMinutes(-o.HistoryMinutes);
        var firstSeen = byMinute.Keys.Where(k => k >= historyStart && k < judgedMinute).DefaultIfEmpty(judgedMinute).Min();
        var history = new List<double>();
        for (var m = firstSeen; m < judgedMinute; m = m.AddMinutes(1)) history.Add(byMinute.GetValueOrDefault(m));
        var median = Median(history);
        var threshold = Math.Max(factor * median, o.MinUnitsPerMinute);
        var judged = history.Count >= o.MinHistoryMinutes;
        var sparkline = history.TakeLast(30).Append(last).ToList();
        return new AlertCondition(AlertRuleKind.UnitsSpike, $"tenant {tenant}", tenant, judged && last > threshold, Math.Round(last, 1), Math.Round(threshold, 1), sparkline,
            judged ? $"{last:N0} units in the minute to {currentMinute.UtcDateTime:HH:mm} against a median of {median:N1} over the {history.Count} minutes before (above {factor:0.#} × median, and at least {o.MinUnitsPerMinute:N0}, fires)"
                   : $"{history.Count} minutes of history, fewer than the {o.MinHistoryMinutes} needed to judge");
    }

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
