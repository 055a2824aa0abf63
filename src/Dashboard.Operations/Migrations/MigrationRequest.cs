using Dashboard.Core.Migrations;
using Dashboard.Core.Access;

namespace Dashboard.Operations.Migrations;

/// <summary>
/// One migration: the tenant, its current backend store (the source), the target and a store built for it,
/// who asks (audited), and whether to continue a stopped run or only compare the two sides.
/// </summary>
public sealed record MigrationRequest(
    TenantDescriptor Tenant,
    IDataStore Source,
    MigrationTarget Target,
    IDataStore TargetStore,
    Person Actor,
    bool Resume = false,
    bool VerifyOnly = false);

/// <summary>Where tests (and nothing else) step in: after the users phase, and after each copied page.</summary>
public sealed class MigrationHooks
{
    public Func<CancellationToken, Task>? AfterUsersCopied { get; init; }

    public Func<MigrationCheckpoint, CancellationToken, Task>? AfterPage { get; init; }

    /// <summary>A cut-over closed the tenant's writes (and drained those in flight), before its final catch-up.</summary>
    public Func<CancellationToken, Task>? AfterReadOnly { get; init; }
}

/// <summary>
/// What a run did: its plan, what catch-up applied and how it found it (null: no catch-up ran), the verification,
/// the throttled answers it waited out and the calls it repeated because the backend gave no answer in time.
/// </summary>
public sealed record MigrationResult(MigrationPlan? Plan, int CaughtUp, VerificationReport Verification, long Throttles, CatchUpRoute? CatchUp = null,
    long UnavailableRetries = 0);
