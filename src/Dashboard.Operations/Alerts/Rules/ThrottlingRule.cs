namespace Dashboard.Operations.Alerts.Rules;

/// <summary>
/// A tenant's throttling over the last window: surfaced throttles (users saw them) above a count, and retried
/// throttles as a share of attempts (calls plus the retries they took) above a percentage.
/// </summary>
public static class ThrottlingRule
{
    public static IEnumerable<AlertCondition> Evaluate(string tenant, IReadOnlyList<TenantPoint> points, ThrottlingRuleOptions o, TimeProvider clock)
    {
        var window = TimeSpan.FromMinutes(o.WindowMinutes);
        var recent = RecentPoints.Last(points, p => p.At, window, clock).ToList();
        var surfaced = recent.Sum(p => p.Surfaced);
        var retried = recent.Sum(p => p.Retried);
        var attempts = recent.Sum(p => p.Calls) + retried;
        if (o.SurfacedAbove is { } n)
            yield return new AlertCondition(AlertRuleKind.SurfacedThrottles, $"tenant {tenant}", tenant, surfaced > n, surfaced, n,
                recent.Select(p => (double)p.Surfaced).ToList(),
                $"{surfaced:N0} surfaced throttles in {o.WindowMinutes} min (above {n:N0} fires)");
        if (o.RetriedSharePercentAbove is { } p)
        {
            var share = attempts == 0 ? 0 : 100.0 * retried / attempts;
            var judged = attempts >= o.MinAttempts;
            yield return new AlertCondition(AlertRuleKind.RetriedThrottleShare, $"tenant {tenant}", tenant, judged && share > p, Math.Round(share, 1), p,
                recent.Select(x => x.Calls + x.Retried == 0 ? 0 : 100.0 * x.Retried / (x.Calls + x.Retried)).ToList(),
                judged ? $"{share:0.#} % of {attempts:N0} attempts in {o.WindowMinutes} min were throttled and retried (above {p:0.#} % fires)"
                       : $"{attempts:N0} attempts in {o.WindowMinutes} min, fewer than the {o.MinAttempts:N0} needed to judge");
        }
    }
}
