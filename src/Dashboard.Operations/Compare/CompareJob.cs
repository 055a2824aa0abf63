using Dashboard.Core.Demo;
using Dashboard.Operations.Load;

namespace Dashboard.Operations.Compare;

/// <summary>A comparison this instance runs: what was asked, its lanes (read live by the page), and its result once finished.</summary>
public sealed class CompareJob(string id, CompareRequest request, LoadMix mix, string startedBy, DateTimeOffset startedAt, IReadOnlyList<CompareLane> lanes)
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly TaskCompletionSource<CompareResult?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id => id;
    public CompareRequest Request => request;
    public LoadMix Mix => mix;
    public string StartedBy => startedBy;
    public DateTimeOffset StartedAt => startedAt;
    public IReadOnlyList<CompareLane> Lanes => lanes;
    /// <summary>The deterministic data every lane is seeded with.</summary>
    public DemoData Data { get; } = DemoDataGenerator.Generate(request.Users);

    public int SeededOrders => Data.Orders.Count;

    /// <summary>What the run is doing now, for people.</summary>
    public string Phase { get; internal set; } = "starting";

    public bool Finished { get; private set; }
    public bool CancelRequested => _cancel.IsCancellationRequested;
    public CompareResult? Result { get; private set; }

    /// <summary>Completes with the result (null when the run never started) however it ended.</summary>
    public Task<CompareResult?> Completion => _done.Task;

    internal CancellationToken Token => _cancel.Token;
    internal Task? Task { get; set; }

    /// <summary>How far the load phase is, from 0 to 1 (the lanes run it side by side).</summary>
    public double LoadFraction =>
        Lanes.Where(l => l.Phase is LanePhase.Running or LanePhase.Done or LanePhase.TearingDown)
            .Select(l => Math.Min(1, (l.Recorder.CallsPerSecond().Length) / Math.Max(1, Request.Duration.TotalSeconds)))
            .DefaultIfEmpty(0).Max();

    public void Cancel()
    {
        try { _cancel.Cancel(); } catch (ObjectDisposedException) { }
    }

    internal void Finish(CompareResult? result)
    {
        Result = result;
        Finished = true;
        Phase = result?.State ?? "not started";
        _done.TrySetResult(result);
    }
}
