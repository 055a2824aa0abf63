namespace Dashboard.Operations.Alerts;

/// <summary>One point of a tenant's series, summed over its operations: calls, failures, throttles and units (all units added up).</summary>
public readonly record struct TenantPoint(DateTimeOffset At, long Calls, long Failures, long Retried, long Surfaced, double Units);

/// <summary>One point of one operation's latency: its calls and their latency histogram (<see cref="LatencyBuckets"/>).</summary>
public sealed record LatencyPoint(DateTimeOffset At, long Calls, long[] Buckets);

/// <summary>The points of a series starting in the last <paramref name="window"/> before now, by the injected clock (a point starts at its At).</summary>
public static class RecentPoints
{
    public static IEnumerable<T> Last<T>(IEnumerable<T> points, Func<T, DateTimeOffset> at, TimeSpan window, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var from = now - window;
        return points.Where(p => at(p) >= from && at(p) < now);
    }
}
