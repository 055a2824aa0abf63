namespace Dashboard.Core.Migrations;

/// <summary>Where a tenant's migration stands; each phase starts only when the one before it is complete.</summary>
public enum MigrationPhase
{
    Users,
    Orders,
    CatchUp,
    Verify,
    /// <summary>Copied and verified: ready to cut over.</summary>
    Done,
    /// <summary>The tenant was switched to the target (the source kept for a rollback).</summary>
    CutOver,
    /// <summary>The tenant was switched back to the source.</summary>
    RolledBack,
}

/// <summary>
/// A migration's progress as kept in the app store, so a crashed or cancelled run continues where it stopped:
/// the phase, the continuation token of the next page to copy, and how many rows were written so far. The
/// target is named by its provider and a fingerprint of its settings (never the settings: they hold secrets),
/// so a resume aimed at another target is refused.
/// </summary>
public sealed record MigrationCheckpoint(
    string TenantId,
    string TargetProvider,
    string TargetFingerprint,
    MigrationPhase Phase,
    string? UsersToken,
    string? OrdersToken,
    long UsersCopied,
    long OrdersCopied,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt);
