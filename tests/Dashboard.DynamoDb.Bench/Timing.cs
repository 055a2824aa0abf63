using System.Diagnostics;
using Dashboard.Core.Usage;

namespace Dashboard.DynamoDb.Bench;

/// <summary>One measured operation: median and p95 latency over the runs, and capacity units of one run.</summary>
public sealed record Figure(string What, double MedianMs, double P95Ms, double Rcu)
{
    public override string ToString() => $"{What,-50} median {MedianMs,8:F2} ms   p95 {P95Ms,8:F2} ms   {Rcu,6:F1} RCU";
}

public static class Timing
{
    /// <summary>Runs <paramref name="operation"/> (which returns the RCU it consumed) after warm-ups.</summary>
    public static async Task<Figure> MeasureAsync(string what, int runs, Func<Task<double>> operation)
    {
        for (var i = 0; i < 10; i++) await operation();
        var times = new List<double>(runs);
        double rcu = 0;
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            rcu = await operation();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        return new Figure(what, times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], rcu);
    }

    /// <summary>Runs a store call inside a metering scope and returns the read capacity it reported.</summary>
    public static async Task<double> MeteredAsync(Func<Task> call)
    {
        using var scope = UsageScope.Begin(out var usage);
        await call();
        return usage.Units.GetValueOrDefault(UsageUnit.ReadCapacityUnits);
    }
}
