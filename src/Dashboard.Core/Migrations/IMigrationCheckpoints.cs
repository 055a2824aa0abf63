namespace Dashboard.Core.Migrations;

/// <summary>
/// The app store's migration rows: one per tenant, holding its checkpoint and a lease. Only the lease's holder
/// writes the checkpoint, so two runs migrating one tenant at once cannot both proceed: the second is refused
/// while the first's lease is live, and a crashed run's lease lapses so a resume can take over.
/// </summary>
public interface IMigrationCheckpoints
{
    /// <summary>Takes the tenant's lease if nobody holds it (or it lapsed), atomically; says who holds it otherwise.</summary>
    Task<MigrationLease> TryAcquireAsync(string tenantId, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken ct);

    /// <summary>Stores the checkpoint and extends the lease, only while <paramref name="holder"/> still holds it; false when it does not.</summary>
    Task<bool> SaveAsync(MigrationCheckpoint checkpoint, string holder, DateTimeOffset leaseUntil, CancellationToken ct);

    /// <summary>Gives the lease up at once (the checkpoint stays), so a resume need not wait for it to lapse.</summary>
    Task ReleaseAsync(string tenantId, string holder, CancellationToken ct);

    Task<MigrationCheckpoint?> GetAsync(string tenantId, CancellationToken ct);
}

/// <summary>The answer to a lease request: taken (with the stored checkpoint, if any) or held by someone else until a time.</summary>
public sealed record MigrationLease(bool Acquired, string HeldBy, DateTimeOffset HeldUntil, MigrationCheckpoint? Checkpoint);
