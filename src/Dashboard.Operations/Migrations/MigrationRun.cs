using Dashboard.Core.Alerts;
using Dashboard.Core.Migrations;

namespace Dashboard.Operations.Migrations;

/// <summary>
/// The state one run shares between its phases: both stores, the checkpoint it holds the lease for, the retries,
/// and the progress sink (with the phase last reported, which a retry's note names). The lease is kept in the
/// background (<see cref="FleetLeaseKeeper"/>); losing it cancels the run's work at once, and no checkpoint is
/// written once it is no longer surely held.
/// </summary>
internal sealed class MigrationRun(MigrationRequest request, FleetLeaseKeeper? lease, IMigrationCheckpoints checkpoints, MigrationOptions options,
    TimeProvider clock, IProgress<MigrationProgress>? progress, MigrationHooks hooks)
{
    public MigrationRequest Request => request;
    public IDataStore Source => request.Source;
    public IDataStore Target => request.TargetStore;
    public string TenantId => request.Tenant.Id;
    public MigrationOptions Options => options;
    public MigrationHooks Hooks => hooks;
    public TimeProvider Clock => clock;
    public MigrationCheckpoint Checkpoint { get; private set; } = null!;

    private MigrationRetry? _retry;
    private string _phase = "plan";

    /// <summary>The run's retries; each retry of an unanswered call is reported as a note of the phase it happened in.</summary>
    public MigrationRetry Retry => _retry ??= new MigrationRetry(options, clock, message => Report(MigrationProgress.Note(_phase, message)));

    public void Report(MigrationProgress value)
    {
        _phase = value.Phase;
        progress?.Report(value);
    }

    public async Task SaveAsync(MigrationCheckpoint checkpoint, CancellationToken ct)
    {
        Checkpoint = checkpoint with { UpdatedAt = clock.GetUtcNow() };
        // Saved even when the run is being cancelled: the checkpoint must record the page that was written. But only
        // while the lease is this run's, so a run that lost it never overwrites the checkpoint of one that took over.
        if (lease is { Holds: false }) throw LeaseLost();
        await checkpoints.SaveAsync(Checkpoint, CancellationToken.None);
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>True once the lease is lost (or about to lapse unrenewed): the work was cancelled for that, not by the caller.</summary>
    public bool LostLease => lease is { Holds: false };

    /// <summary>Why the run stopped when it lost its lease, in one line for the audit log and the person who started it.</summary>
    public MigrationException LeaseLost() => lease?.Loss is { Kind: LeaseLossKind.Refused }
        ? new MigrationException($"stopped: another run took over the migration of '{TenantId}' (this run's lease lapsed)")
        : new MigrationException(
            $"stopped: this run's claim on '{TenantId}' could not be kept ({lease?.Loss?.Reason ?? "not renewed in time"}); nothing more was written",
            lease?.Loss?.Error);
}
