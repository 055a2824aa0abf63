namespace Dashboard.Operations.Alerts.Rules;

/// <summary>One tenant operation's p95 over the window, from the summed latency histograms, against its threshold.</summary>
public static class LatencyRule
{
    public static AlertCondition? Evaluate(string tenant, string operation, IReadOnlyList<LatencyPoint> points, LatencyRuleOptions o, TimeProvider clock)
    {
        if (o.ThresholdFor(operation) is not { } limit) return null;
        var recent = RecentPoints.Last(points, p => p.At, TimeSpan.FromMinutes(o.WindowMinutes), clock).ToList();
        var summed = new long[LatencyBuckets.Count];
        foreach (var p in recent)
            for (var i = 0; i < summed.Length && i < p.Buckets.Length; i++) summed[i] += p.Buckets[i];
        var calls = recent.Sum(p => p.Calls);
        var p95 = LatencyBuckets.Quantile(summed, 0.95) ?? 0;
        var judged = calls >= o.MinCalls;
        return new AlertCondition(AlertRuleKind.LatencyP95, $"{tenant} {operation}", tenant, judged && p95 > limit, Math.Round(p95, 1), limit,
            recent.Select(p => LatencyBuckets.Quantile(p.Buckets, 0.95) ?? 0).ToList(),
            judged ? $"p95 of {operation} {p95:N0} ms over {calls:N0} calls in {o.WindowMinutes} min (above {limit:N0} ms fires)"
                   : $"{calls:N0} calls of {operation} in {o.WindowMinutes} min, fewer than the {o.MinCalls:N0} needed to judge");
    }
}
