using System.Collections.Concurrent;
using Dashboard.Core.Access;
using Dashboard.Operations.Migrations;

namespace Dashboard.Services.Migrations;

/// <summary>
/// The migrations this instance started from the page, running in the background (a copy outlives a click), with
/// their latest progress. The target's settings stay here, in memory only, so the page can cut over to it later
/// without Ops typing secrets twice; after a restart the form asks for them again.
/// </summary>
public sealed class MigrationJobs(TenantMigrations migrations, ILogger<MigrationJobs> log)
{
    private readonly ConcurrentDictionary<string, MigrationJob> _jobs = new(StringComparer.Ordinal);

    public MigrationJob? Find(string tenantId) => _jobs.GetValueOrDefault(tenantId);

    public IReadOnlyCollection<MigrationJob> All => _jobs.Values.ToList();

    /// <exception cref="MigrationException">This tenant's migration is already running here.</exception>
    public MigrationJob Start(string tenantId, MigrationTarget target, Person actor)
    {
        var job = new MigrationJob(tenantId, target);
        var running = _jobs.AddOrUpdate(tenantId, job, (_, old) => old.Running ? old : job);
        if (running != job) throw new MigrationException($"the migration of '{tenantId}' is running already");
        job.Task = Task.Run(() => RunAsync(job, actor));
        return job;
    }

    /// <summary>
    /// Asks this tenant's running copy to stop, and waits up to <paramref name="patience"/> for it to: it stops after
    /// the page it is writing, with that page in its checkpoint (kept for a resume) and a "cancelled" audit entry.
    /// Returns whether it has stopped by then.
    /// </summary>
    /// <exception cref="MigrationException">No copy of this tenant is running here, or <paramref name="actor"/> is not Ops.</exception>
    public async Task<bool> CancelAsync(string tenantId, Person actor, TimeSpan patience)
    {
        if (actor.Role != Role.Ops) throw new MigrationException("only Ops may cancel a migration");
        if (Find(tenantId) is not { Running: true } job)
            throw new MigrationException($"no migration of '{tenantId}' is running on this instance");
        job.Cancel();
        try
        {
            await job.Completion.WaitAsync(patience);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task RunAsync(MigrationJob job, Person actor)
    {
        try
        {
            var result = await migrations.RunAsync(job.TenantId, job.Target, actor, resume: false, verifyOnly: false, job, job.Cancelling);
            job.Finish(result.Verification.Clean ? MigrationJobState.Verified : MigrationJobState.Differences, result.Verification.Summary);
        }
        catch (OperationCanceledException) when (job.Cancelling.IsCancellationRequested)
        {
            // What is left to resume (its checkpoint, if it got that far) is the list's to say.
            job.Finish(MigrationJobState.Cancelled, "cancelled");
        }
        catch (Exception e) when (e is MigrationException or StoreException)
        {
            job.Finish(MigrationJobState.Failed, e.Message);
        }
        catch (Exception e)
        {
            log.LogError(e, "The migration of {Tenant} failed", job.TenantId);
            job.Finish(MigrationJobState.Failed, "an unexpected error stopped it (logged); its checkpoint is kept for a resume");
        }
    }
}

public enum MigrationJobState { Running, Verified, Differences, Failed, Cancelled }

/// <summary>One background migration: its target, its latest progress, and how it ended.</summary>
public sealed class MigrationJob(string tenantId, MigrationTarget target) : IProgress<MigrationProgress>
{
    private volatile MigrationProgress? _latest;
    private readonly CancellationTokenSource _cancel = new();

    public string TenantId => tenantId;
    public MigrationTarget Target => target;
    public MigrationProgress? Latest => _latest;
    public MigrationJobState State { get; private set; } = MigrationJobState.Running;
    public string? Outcome { get; private set; }
    public bool Running => State == MigrationJobState.Running;
    /// <summary>Completes when the run ended, however it ended.</summary>
    public Task Completion => Task ?? System.Threading.Tasks.Task.CompletedTask;

    internal Task? Task { get; set; }

    /// <summary>Cancelled when Ops cancel the copy (never disposed: a job lives as long as the instance keeps it).</summary>
    internal CancellationToken Cancelling => _cancel.Token;

    internal void Cancel() => _cancel.Cancel();

    public void Report(MigrationProgress value) => _latest = value;

    internal void Finish(MigrationJobState state, string outcome) => (State, Outcome) = (state, outcome);
}
