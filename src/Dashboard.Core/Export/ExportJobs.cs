using System.Collections.Concurrent;

namespace Dashboard.Core.Export;

public enum ExportState
{
    Running,
    Completed,
    Cancelled,
    Failed,
}

/// <summary>One running or finished export: rows so far, how it ended, and the switch that cancels it.</summary>
public sealed class ExportJob(string id, string personId, DateTimeOffset startedAt)
{
    private readonly CancellationTokenSource _cancel = new();
    private long _rows;

    public string Id { get; } = id;
    public string PersonId { get; } = personId;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public DateTimeOffset? EndedAt { get; private set; }
    public long Rows => Interlocked.Read(ref _rows);
    public ExportState State { get; private set; } = ExportState.Running;
    public string? Problem { get; private set; }
    public CancellationToken CancellationToken => _cancel.Token;

    public void Report(long rows) => Interlocked.Exchange(ref _rows, rows);

    public void Cancel()
    {
        if (State == ExportState.Running) _cancel.Cancel();
    }

    public void End(ExportOutcome outcome, string? problem, DateTimeOffset at)
    {
        Report(outcome.Rows);
        Problem = problem;
        EndedAt = at;
        State = outcome.Result switch
        {
            ExportResult.Completed => ExportState.Completed,
            ExportResult.Cancelled => ExportState.Cancelled,
            _ => ExportState.Failed,
        };
    }
}

/// <summary>
/// The exports of this app instance, by an id the person's page chose, so the page can show an export's
/// progress while the browser downloads it and cancel it. A job is visible only to the person who started it;
/// finished jobs are forgotten after ten minutes.
/// </summary>
public sealed class ExportJobs(TimeProvider clock)
{
    private static readonly TimeSpan KeepFinished = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, ExportJob> _jobs = new(StringComparer.Ordinal);

    /// <summary>A new job; null when the id is taken (a link used twice) or is not 32 hex digits.</summary>
    public ExportJob? Start(string id, string personId)
    {
        Sweep();
        if (id.Length != 32 || !id.All(Uri.IsHexDigit)) return null;
        var job = new ExportJob(id, personId, clock.GetUtcNow());
        return _jobs.TryAdd(id, job) ? job : null;
    }

    public ExportJob? Find(string id, string personId) =>
        _jobs.TryGetValue(id, out var job) && job.PersonId == personId ? job : null;

    public static string NewId() => Guid.NewGuid().ToString("N");

    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, job) in _jobs)
            if (job.EndedAt is { } ended && now - ended > KeepFinished) _jobs.TryRemove(id, out _);
    }
}
