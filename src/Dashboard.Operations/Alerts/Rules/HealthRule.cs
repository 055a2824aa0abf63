namespace Dashboard.Operations.Alerts.Rules;

/// <summary>A tenant's health: its backend unavailable for longer than a time, and its error rate over a window.</summary>
public static class HealthRule
{
    /// <param name="unavailableSince">When the prober first found the backend unavailable in the current run of failures; null while reachable.</param>
    public static AlertCondition? Unavailable(string tenant, DateTimeOffset? unavailableSince, HealthRuleOptions o, TimeProvider clock)
    {
        if (o.UnavailableSecondsAbove is not { } limit) return null;
        var seconds = unavailableSince is { } since ? Math.Max(0, (clock.GetUtcNow() - since).TotalSeconds) : 0;
        return new AlertCondition(AlertRuleKind.Unavailable, $"tenant {tenant}", tenant, seconds > limit, Math.Round(seconds), limit, [],
            unavailableSince is null ? "backend reachable" : $"backend unavailable for {seconds:N0} s (above {limit:N0} s fires)");
    }

    /// <summary>Throttled, unavailable and failed calls as a share of calls in the window (a window with too few calls is not judged).</summary>
    public static AlertCondition? ErrorRate(string tenant, IReadOnlyList<TenantPoint> points, HealthRuleOptions o, TimeProvider clock)
    {
        if (o.ErrorRatePercentAbove is not { } limit) return null;
        var recent = RecentPoints.Last(points, p => p.At, TimeSpan.FromMinutes(o.WindowMinutes), clock).ToList();
        var calls = recent.Sum(p => p.Calls);
        var failures = recent.Sum(p => p.Failures);
        var rate = calls == 0 ? 0 : 100.0 * failures / calls;
        var judged = calls >= o.MinCalls;
        return new AlertCondition(AlertRuleKind.ErrorRate, $"tenant {tenant}", tenant, judged && rate > limit, Math.Round(rate, 1), limit,
            recent.Select(p => p.Calls == 0 ? 0 : 100.0 * p.Failures / p.Calls).ToList(),
            judged ? $"{rate:0.#} % of {calls:N0} calls in {o.WindowMinutes} min failed (above {limit:0.#} % fires)"
                   : $"{calls:N0} calls in {o.WindowMinutes} min, fewer than the {o.MinCalls:N0} needed to judge");
    }
}
