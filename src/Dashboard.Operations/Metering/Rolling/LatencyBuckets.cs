using System.Runtime.CompilerServices;

namespace Dashboard.Operations.Metering.Rolling;

/// <summary>
/// Log-scale latency buckets: bucket 0 holds everything under 0.1 ms, bucket i (≥ 1) holds
/// [0.1 ms × 1.5^(i-1), 0.1 ms × 1.5^i), the last one everything from ~19 s up. Percentiles read from them
/// are accurate to within one bucket (±25 %), which is what a latency chart needs, in 128 bytes.
/// </summary>
public static class LatencyBuckets
{
    public const int Count = 32;
    private const double FirstUpperMs = 0.1;
    private const double Ratio = 1.5;
    private static readonly double LogRatio = Math.Log(Ratio);

    public static int IndexOf(TimeSpan duration)
    {
        var ms = duration.TotalMilliseconds;
        if (ms < FirstUpperMs) return 0;
        var i = 1 + (int)(Math.Log(ms / FirstUpperMs) / LogRatio);
        return Math.Min(i, Count - 1);
    }

    /// <summary>Lower bound of bucket i in milliseconds.</summary>
    public static double LowerMs(int i) => i == 0 ? 0 : FirstUpperMs * Math.Pow(Ratio, i - 1);

    /// <summary>Upper bound of bucket i in milliseconds (the last bucket is open; its lower bound × 1.5 is used).</summary>
    public static double UpperMs(int i) => FirstUpperMs * Math.Pow(Ratio, i);

    /// <summary>
    /// The q-quantile (0..1) in milliseconds, interpolated inside the bucket it falls in; null when empty.
    /// </summary>
    public static double? Quantile(ReadOnlySpan<long> counts, double q)
    {
        long total = 0;
        foreach (var c in counts) total += c;
        if (total == 0) return null;
        var rank = q * total;
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0) continue;
            if (seen + counts[i] >= rank)
            {
                var within = (rank - seen) / counts[i];
                return LowerMs(i) + (UpperMs(i) - LowerMs(i)) * within;
            }
            seen += counts[i];
        }
        return UpperMs(counts.Length - 1);
    }
}

[InlineArray(LatencyBuckets.Count)]
public struct LatencyCounts
{
    private int _first;
}

[InlineArray(StoreOutcomes.Count)]
public struct OutcomeCounts
{
    private int _first;
}
