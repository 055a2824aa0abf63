using Dashboard.Operations.Costs;
using Dashboard.Operations.Metering;
using Dashboard.Operations.Load;
using Dashboard.Operations.Queries;

namespace Dashboard.LoadTool;

/// <summary>Prints a run's figures: what the generator saw, then the ops pages' models for the tenant.</summary>
internal static class Report
{
    public static void Print(LoadSummary summary, ThroughputReport throughput, ThrottlingReport throttling, CostReport cost, string tenant)
    {
        Console.WriteLine($"started {summary.Started:N0}, completed {summary.Completed:N0} in {summary.Elapsed.TotalSeconds:0.0} s " +
                          $"({summary.AchievedRate:0.0}/s), skipped {summary.Skipped:N0} (too many in flight)");
        Console.WriteLine("outcomes: " + string.Join(", ", summary.ByOutcome.OrderByDescending(o => o.Value).Select(o => $"{StoreOutcomes.Name(o.Key)} {o.Value:N0}")));
        Console.WriteLine();
        Console.WriteLine($"{"operation",-22}{"calls",8}{"ops/s",8}{"p50 ms",9}{"p95 ms",9}{"p99 ms",9}{"errors",8}{"thr r/s",10}");
        foreach (var row in throughput.Rows.Where(r => r.Level == RowLevel.Operation))
            Console.WriteLine($"{row.Operation,-22}{row.Calls,8:N0}{row.Calls / Math.Max(1, summary.Elapsed.TotalSeconds),8:0.0}" +
                              $"{row.P50Ms,9:0.0}{row.P95Ms,9:0.0}{row.P99Ms,9:0.0}{row.ErrorRate,8:P1}{$"{row.ThrottlesRetried}/{row.ThrottlesSurfaced}",10}");
        Console.WriteLine();
        Console.WriteLine($"throttles: {throttling.Retried:N0} retried, {throttling.Surfaced:N0} surfaced");
        foreach (var c in throttling.ByCause.Take(5)) Console.WriteLine($"  {c.Cause} on {c.Operation}: {c.Retried} retried, {c.Surfaced} surfaced");
        var estimate = cost.Providers.SelectMany(p => p.Tenants).FirstOrDefault(t => t.Tenant == tenant);
        if (estimate is null) return;
        Console.WriteLine();
        Console.WriteLine($"cost of this run ({estimate.Provider}):");
        foreach (var line in estimate.Lines.Where(l => l.Quantity > 0))
            Console.WriteLine($"  {line.Item,-22}{line.Quantity,14:#,0.##} {line.Unit,-8} {(line.WindowUsd is { } usd ? $"${usd:0.########}" : "—"),14}  {line.Note}");
    }
}
