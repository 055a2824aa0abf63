using System.Diagnostics;

namespace Dashboard.Orders.Bench;

/// <summary>One measured call: median and 95th percentile in milliseconds.</summary>
public sealed record Figure(double MedianMs, double P95Ms)
{
    public override string ToString() => $"median {MedianMs,8:F2} ms   p95 {P95Ms,8:F2} ms";
}

public static class Timing
{
    /// <summary>Each key's call in turn, run by run, so every key is measured under the same conditions.</summary>
    public static async Task<Dictionary<TKey, Figure>> InterleavedAsync<TKey>(int runs, IReadOnlyList<TKey> keys, Func<TKey, Task> call)
        where TKey : notnull
    {
        var times = keys.ToDictionary(k => k, _ => new List<double>(runs));
        for (var i = 0; i < 5; i++) foreach (var key in keys) await call(key);
        for (var i = 0; i < runs; i++)
        {
            foreach (var key in keys)
            {
                var started = Stopwatch.GetTimestamp();
                await call(key);
                times[key].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        return times.ToDictionary(t => t.Key, t => Of(t.Value));
    }

    private static Figure Of(List<double> times)
    {
        times.Sort();
        return new Figure(times[times.Count / 2], times[Math.Max(0, (int)Math.Ceiling(times.Count * 0.95) - 1)]);
    }

    public static async Task<Figure> MeasureAsync(int runs, Func<Task> call)
    {
        for (var i = 0; i < 5; i++) await call();
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        return new Figure(times[times.Count / 2], times[Math.Max(0, (int)Math.Ceiling(times.Count * 0.95) - 1)]);
    }
}
