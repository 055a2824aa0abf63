using Dashboard.Operations.Compare;
using MudBlazor;

namespace Dashboard.Services.Compare;

/// <summary>The live charts of a running comparison: per provider, calls per second and each second's p95 latency.</summary>
public static class CompareCharts
{
    public sealed record Charts(string[] Labels, List<ChartSeries<double>> OpsPerSecond, List<ChartSeries<double>> P95Ms);

    public static Charts Of(CompareJob job)
    {
        var running = job.Lanes.Select(l => (l.Product, Calls: l.Recorder.CallsPerSecond(), P95: l.Recorder.P95BySecond())).ToList();
        var seconds = running.Select(l => l.Calls.Length).DefaultIfEmpty(0).Max();
        var labels = Enumerable.Range(1, seconds).Select(s => seconds <= 12 || s % Math.Max(1, seconds / 10) == 0 ? $"{s}s" : "").ToArray();
        return new Charts(labels,
            running.Select(l => new ChartSeries<double> { Name = l.Product, Data = Pad(l.Calls, seconds) }).ToList(),
            running.Select(l => new ChartSeries<double> { Name = l.Product, Data = Pad(l.P95, seconds) }).ToList());
    }

    private static double[] Pad(double[] values, int length) => values.Length >= length ? values : [.. values, .. new double[length - values.Length]];

    public static string Phase(LanePhase phase) => phase switch
    {
        LanePhase.Waiting => "waiting",
        LanePhase.Creating => "creating scratch tenant",
        LanePhase.Seeding => "loading data",
        LanePhase.Ready => "ready",
        LanePhase.Running => "running",
        LanePhase.TearingDown => "removing scratch tenant",
        LanePhase.Done => "done",
        _ => "failed",
    };
}
