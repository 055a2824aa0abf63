using Dashboard.Core.Alerts;
using Dashboard.Core.Migrations;

namespace Dashboard.Operations.Migrations;

/// <summary>
/// The state one run shares between its phases: both stores, the checkpoint it holds the lease for, and the
/// progress sink. Every checkpoint write extends the lease; losing the lease stops the run at once.
/// </summary>
internal sealed class MigrationRun(MigrationRequest request, string holder, IMigrationCheckpoints checkpoints, IFleetLease leases, MigrationOptions options,
    TimeProvider clock, IProgress<MigrationProgress>? progress, MigrationHooks hooks)
{
    private long _lastSave;

    public MigrationRequest Request => request;
    public IDataStore Source => request.Source;
    public IDataStore Target => request.TargetStore;
    public string TenantId => request.Tenant.Id;
    public MigrationOptions Options => options;
    public MigrationHooks Hooks => hooks;
    public TimeProvider Clock => clock;
    public ThrottleRetry Retry { get; } = new(options, clock);
    public MigrationCheckpoint Checkpoint { get; private set; } = null!;

    public string Holder => holder;

    public void Report(MigrationProgress value) => progress?.Report(value);

    public async Task SaveAsync(MigrationCheckpoint checkpoint, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        Checkpoint = checkpoint with { UpdatedAt = now };
        // Saved even when the run is being cancelled: the checkpoint must record the page that was written. The lease
        // is renewed first, so the checkpoint is written only while this run still holds it (for a whole lease period).
        if (!await leases.TryAcquireAsync(IMigrationCheckpoints.LeaseName(TenantId), holder, now, options.Lease, CancellationToken.None))
            throw new MigrationException($"stopped: another run took over the migration of '{TenantId}' (this run's lease lapsed)");
        await checkpoints.SaveAsync(Checkpoint, CancellationToken.None);
        _lastSave = clock.GetTimestamp();
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>Extends the lease during long scans (catch-up, verification) that write no checkpoint of their own.</summary>
    public Task KeepLeaseAsync(CancellationToken ct) =>
        clock.GetElapsedTime(_lastSave) < options.Lease / 3 ? Task.CompletedTask : SaveAsync(Checkpoint, ct);
}
