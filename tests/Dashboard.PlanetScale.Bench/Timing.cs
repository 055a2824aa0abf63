using System.Diagnostics;

namespace Dashboard.PlanetScale.Bench;

/// <summary>One measured operation: median and p95 latency over the runs.</summary>
public sealed record Figure(double MedianMs, double P95Ms)
{
    public override string ToString() => $"median {MedianMs,7:F2} ms   p95 {P95Ms,7:F2} ms";
}

public static class Timing
{
    /// <summary>Runs <paramref name="operation"/> <paramref name="runs"/> times after 100 warm-ups (JIT tiering settles before timing).</summary>
    public static async Task<Figure> MeasureAsync(int runs, Func<Task> operation)
    {
        for (var i = 0; i < 100; i++) await operation();
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await operation();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        return new Figure(times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1]);
    }
}
