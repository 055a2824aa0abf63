using Dashboard.Operations.Alerts;
using Dashboard.Operations.Metering.Rolling;

namespace Dashboard.Tests.Alerts;

/// <summary>
/// Series as the rolling store gave them, written out: 10-second points (calls, failures, retried, surfaced, units)
/// ending at a fixed moment, and minutes of units, for the rule tests to replay under a fake clock.
/// </summary>
internal static class RecordedSeries
{
    public static readonly DateTimeOffset End = DateTimeOffset.Parse("2026-03-02T10:00:00Z");

    /// <summary>Points every 10 s, the last one starting 10 s before <see cref="End"/>.</summary>
    public static IReadOnlyList<TenantPoint> TenSecondPoints(params (long Calls, long Failures, long Retried, long Surfaced)[] points) =>
        points.Select((p, i) => new TenantPoint(End.AddSeconds(-10 * (points.Length - i)), p.Calls, p.Failures, p.Retried, p.Surfaced, p.Calls)).ToList();

    /// <summary>A throttling episode at 0.9 seen through the retries: most attempts retried, a few surfacing, for 6 minutes (36 points).</summary>
    public static IReadOnlyList<TenantPoint> ThrottlingEpisode() =>
        TenSecondPoints(Enumerable.Range(0, 36).Select(i => i < 12 ? (20L, 0L, 1L, 0L) : (12L, 3L, 40L, 3L)).ToArray());

    /// <summary>One operation's latency points every 10 s with the given latencies in ms.</summary>
    public static IReadOnlyList<LatencyPoint> Latency(params double[][] perPointMs) =>
        perPointMs.Select((ms, i) =>
        {
            var buckets = new long[LatencyBuckets.Count];
            foreach (var m in ms) buckets[LatencyBuckets.IndexOf(TimeSpan.FromMilliseconds(m))]++;
            return new LatencyPoint(End.AddSeconds(-10 * (perPointMs.Length - i)), ms.Length, buckets);
        }).ToList();

    /// <summary>Units per minute, the last entry being the minute before the one <see cref="End"/> is in.</summary>
    public static IReadOnlyList<TenantPoint> Minutes(params double[] units) =>
        units.Select((u, i) => new TenantPoint(End.AddMinutes(-(units.Length - i)), 1, 0, 0, 0, u)).Where(p => p.Units > 0).ToList();
}
