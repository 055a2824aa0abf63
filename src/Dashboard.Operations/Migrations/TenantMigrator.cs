using Dashboard.Core.Alerts;
using Dashboard.Core.Audit;
using Dashboard.Core.Migrations;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Operations.Migrations;

/// <summary>
/// Moves a tenant's users and orders from its backend to another, through the ports only: plan, copy, catch-up,
/// verify, each step audited and checkpointed in the app store. A run holds the tenant's migration lease from
/// start to end, so a second run of the same tenant is refused rather than run twice; a stopped run is
/// continued with <see cref="MigrationRequest.Resume"/>.
/// </summary>
public sealed class TenantMigrator(IMigrationCheckpoints checkpoints, IFleetLease leases, IAuditLog audit, TimeProvider clock, MigrationOptions options,
    ILogger<TenantMigrator>? log = null)
{
    public async Task<MigrationResult> RunAsync(MigrationRequest request, IProgress<MigrationProgress>? progress = null, MigrationHooks? hooks = null,
        CancellationToken ct = default)
    {
        var tenantId = request.Tenant.Id;
        var steps = new MigrationAudit(audit, clock, request);
        FleetLeaseKeeper? lease;
        try
        {
            lease = await MigrationLease.TryTakeAsync(leases, tenantId, options, clock, log ?? (ILogger)NullLogger.Instance, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Cancelled before it began: nothing copied, no checkpoint; the cancel is still on record.
            await steps.StepAsync("cancelled", new { phase = (string?)null, users = 0, orders = 0 });
            throw;
        }
        if (lease is null)
            throw new MigrationRefusedException(
                $"tenant '{tenantId}' is being migrated by another run (or cut over); its claim lapses {options.Lease.TotalSeconds:0} s after that run stops renewing it");
        var run = new MigrationRun(request, lease, checkpoints, options, clock, progress, hooks ?? new MigrationHooks());
        // The run's work stops at once when the lease is lost as when it is cancelled.
        using var work = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
        var callerCt = ct;
        ct = work.Token;
        try
        {
            // Inside the try: a cancel or failure from here on gives the lease up at once.
            var stored = await checkpoints.GetAsync(tenantId, ct);
            if (request.VerifyOnly)
            {
                // Comparing changes no checkpoint: a stopped run stays resumable.
                await run.SaveAsync(stored ?? Fresh(request) with { Phase = MigrationPhase.Done }, ct);
                var report = await VerifyAsync(run, ct);
                await steps.StepAsync("verify-only", Describe(report));
                return new MigrationResult(null, 0, report, run.Retry.Throttles, UnavailableRetries: run.Retry.UnavailableRetries);
            }
            var checkpoint = Starting(request, stored);
            var resuming = checkpoint != null;
            await run.SaveAsync(checkpoint ?? Fresh(request), ct);
            var plan = await MigrationPlanner.PlanAsync(run, resuming, ct);
            run.Report(new MigrationProgress("plan", 0, plan.Users + plan.Orders, 0, plan.EstimatedDuration, plan.ToString()));
            await steps.StepAsync(resuming ? "resume" : "plan", new { plan.Users, plan.Orders, estimatedSeconds = plan.EstimatedDuration.TotalSeconds, phase = run.Checkpoint.Phase.ToString() });

            // Followed from before the first page is read, so every write the copy may miss is reported. A resumed run
            // cannot know what was written while it was stopped: it scans.
            var (feed, whyNoFeed) = resuming
                ? (null, "a resumed run: the change feed's position from before the stop is not kept")
                : await SourceChanges.StartAsync(request.Source, options.FeedPositionTimeout, ct);
            await using var following = feed;
            run.Report(MigrationProgress.Note("copy", feed is null ? $"catch-up will scan: {whyNoFeed}" : "following the source's change feed"));

            await TenantCopier.CopyAsync(run, plan, ct);
            await steps.StepAsync("copy", new
            {
                users = run.Checkpoint.UsersCopied, orders = run.Checkpoint.OrdersCopied, throttles = run.Retry.Throttles, retries = run.Retry.UnavailableRetries,
            });

            var (caughtUp, route) = await CatchUp.RunAsync(run, feed, whyNoFeed, ct);
            var recounted = await TargetCounters.RecountAsync(run, ct);
            await run.SaveAsync(run.Checkpoint with { Phase = MigrationPhase.Verify }, ct);
            await steps.StepAsync("catch-up", new
            {
                applied = caughtUp, path = route.Path == CatchUpPath.ChangeFeed ? "change feed" : "version scan", reason = route.Reason, countersRecounted = recounted,
            });

            var verification = await VerifyAsync(run, ct);
            await steps.StepAsync("verify", Describe(verification));
            if (verification.Clean) await run.SaveAsync(run.Checkpoint with { Phase = MigrationPhase.Done }, ct);
            return new MigrationResult(plan, caughtUp, verification, run.Retry.Throttles, route, run.Retry.UnavailableRetries);
        }
        catch (OperationCanceledException) when (callerCt.IsCancellationRequested)
        {
            await steps.StepAsync("cancelled", new { phase = run.Checkpoint?.Phase.ToString(), users = run.Checkpoint?.UsersCopied, orders = run.Checkpoint?.OrdersCopied });
            throw;
        }
        catch (Exception e) when (e is MigrationException or StoreException || run.LostLease)
        {
            // Whatever a lost lease interrupted, the reason on record is the lost lease.
            var failure = run.LostLease && e is not MigrationException ? run.LeaseLost() : e;
            await steps.StepAsync("failed", new { phase = run.Checkpoint?.Phase.ToString(), error = failure.Message });
            if (ReferenceEquals(failure, e)) throw;
            throw failure;
        }
        finally
        {
            await lease.ReleaseAsync(CancellationToken.None);
        }
    }

    /// <summary>The plan alone: the target checked (reachable, schema created, empty) and the copy sized. No lease, no checkpoint.</summary>
    public Task<MigrationPlan> PlanAsync(MigrationRequest request, CancellationToken ct) =>
        MigrationPlanner.PlanAsync(new MigrationRun(request, null, checkpoints, options, clock, null, new MigrationHooks()), resuming: false, ct);

    /// <summary>The checkpoint to continue from, or null for a fresh run; a stopped run is never silently restarted nor resumed into another target.</summary>
    private static MigrationCheckpoint? Starting(MigrationRequest request, MigrationCheckpoint? stored)
    {
        var id = request.Tenant.Id;
        var stopped = stored is { Phase: not (MigrationPhase.Done or MigrationPhase.CutOver or MigrationPhase.RolledBack) } && stored.TargetProvider.Length > 0 ? stored : null;
        if (stopped is null)
            return request.Resume ? throw new MigrationException($"there is no stopped migration of '{id}' to resume") : null;
        if (!request.Resume)
            throw new MigrationException(
                $"a migration of '{id}' to {stopped.TargetProvider} stopped during {stopped.Phase.ToString().ToLowerInvariant()} ({stopped.UsersCopied} users, {stopped.OrdersCopied} orders copied): run again with --resume to continue it");
        if (stopped.TargetFingerprint != request.Target.Fingerprint())
            throw new MigrationException(
                $"the stopped migration of '{id}' went to another target ({stopped.TargetProvider}): resume it with the same --to-provider and --setting values");
        return stopped;
    }

    private MigrationCheckpoint Fresh(MigrationRequest request)
    {
        var now = clock.GetUtcNow();
        return new MigrationCheckpoint(request.Tenant.Id, request.Target.ProviderKind, request.Target.Fingerprint(), MigrationPhase.Users,
            null, null, 0, 0, now, now);
    }

    internal static async Task<VerificationReport> VerifyAsync(MigrationRun run, CancellationToken ct)
    {
        run.Report(MigrationProgress.Note("verify", "comparing every user and order"));
        var source = await TenantSnapshot.ReadAsync(run.Source, run.Options.PageSize, run.Retry, ct);
        var target = await TenantSnapshot.ReadAsync(run.Target, run.Options.PageSize, run.Retry, ct);
        return MigrationVerifier.Compare(source, target);
    }

    internal static object Describe(VerificationReport r) => new
    {
        users = r.SourceUsers,
        orders = r.SourceOrders,
        targetUsers = r.TargetUsers,
        targetOrders = r.TargetOrders,
        differences = r.Differences.Count,
        first = r.Differences.Take(20).Select(d => d.ToString()).ToList(),
    };
}
