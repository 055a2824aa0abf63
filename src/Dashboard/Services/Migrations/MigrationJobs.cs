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

    private async Task RunAsync(MigrationJob job, Person actor)
    {
        try
        {
            var result = await migrations.RunAsync(job.TenantId, job.Target, actor, resume: false, verifyOnly: false, job, CancellationToken.None);
            job.Finish(result.Verification.Clean ? MigrationJobState.Verified : MigrationJobState.Differences, result.Verification.Summary);
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

public enum MigrationJobState { Running, Verified, Differences, Failed }

/// <summary>One background migration: its target, its latest progress, and how it ended.</summary>
public sealed class MigrationJob(string tenantId, MigrationTarget target) : IProgress<MigrationProgress>
{
    private volatile MigrationProgress? _latest;

    public string TenantId => tenantId;
    public MigrationTarget Target => target;
    public MigrationProgress? Latest => _latest;
    public MigrationJobState State { get; private set; } = MigrationJobState.Running;
    public string? Outcome { get; private set; }
    public bool Running => State == MigrationJobState.Running;
    /// <summary>Completes when the run ended, however it ended.</summary>
    public Task Completion => Task ?? System.Threading.Tasks.Task.CompletedTask;

    internal Task? Task { get; set; }

    public void Report(MigrationProgress value) => _latest = value;

    internal void Finish(MigrationJobState state, string outcome) => (State, Outcome) = (state, outcome);
}
