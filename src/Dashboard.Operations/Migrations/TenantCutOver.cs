using Dashboard.Core.Alerts;
using Dashboard.Core.Audit;
using Dashboard.Core.Migrations;
using Dashboard.Core.Tenants.Registry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Operations.Migrations;

/// <summary>
/// Switches a migrated tenant to its target, or back while the rollback window is open. Either way the tenant turns
/// read-only (registry mark for every instance, this instance's write gate closed and drained), a final catch-up
/// and a verification run, and only a clean verification switches the backend — in the registry, over the tenant's
/// own entry, in the transaction that makes it writable again. Anything else leaves it on its backend, writable.
/// The tenant's migration lease is held throughout, so no copy or other switch runs meanwhile. Every step is audited.
/// </summary>
public sealed class TenantCutOver(
    TenantRegistry registry,
    ITenantRegistryStore store,
    TenantRegistrySync sync,
    TenantWriteGate gate,
    IMigrationCheckpoints checkpoints,
    IFleetLease leases,
    IAuditLog audit,
    TimeProvider clock,
    MigrationOptions options,
    ILogger<TenantCutOver>? log = null)
{
    /// <summary>Moves the tenant of <paramref name="request"/> (copied and verified by a run before) to the request's target.</summary>
    public async Task<MigrationResult> CutOverAsync(MigrationRequest request, MigrationHooks? hooks = null, CancellationToken ct = default)
    {
        var id = request.Tenant.Id;
        var stored = await checkpoints.GetAsync(id, ct);
        if (stored is not { Phase: MigrationPhase.Done } || stored.TargetFingerprint != request.Target.Fingerprint())
            throw new MigrationException(stored is { Phase: MigrationPhase.CutOver } && stored.TargetFingerprint == request.Target.Fingerprint()
                ? $"tenant '{id}' was cut over to {stored.TargetProvider} already"
                : $"tenant '{id}' has no finished, verified migration to that target: migrate it first (with the same provider and settings)");
        var now = clock.GetUtcNow();
        var switchTo = new TenantBackendOverride(new TenantBackend(request.Target.ProviderKind, request.Target.Settings), TenantBackend.Of(request.Tenant),
            now + options.RollbackWindow, request.Actor.Id, now);
        return await SwitchAsync(request, stored, "cut-over", switchTo, MigrationPhase.CutOver, hooks, ct);
    }

    /// <summary>
    /// Moves the tenant back to the backend it left: <paramref name="request"/>'s source is the tenant's backend now,
    /// its target the previous one. What changed since the cut-over is carried back by the final catch-up.
    /// </summary>
    public async Task<MigrationResult> RollBackAsync(MigrationRequest request, MigrationHooks? hooks = null, CancellationToken ct = default)
    {
        var id = request.Tenant.Id;
        var entry = await store.FindAsync(id, ct) ?? throw new MigrationException($"no tenant '{id}' in the registry");
        if (entry.Override is not { } moved)
            throw new MigrationException($"tenant '{id}' was not cut over: there is nothing to roll back");
        if (clock.GetUtcNow() > moved.RollbackUntil)
            throw new MigrationException($"the rollback window of '{id}' closed at {moved.RollbackUntil:yyyy-MM-dd HH:mm} UTC: migrate it back instead");
        var stored = await checkpoints.GetAsync(id, ct);
        var back = moved.Previous;
        // Back on the tenant's own entry: no override remains (for a pinned tenant, configuration's backend again).
        var ownEntry = new TenantDescriptor(id, entry.DisplayName, entry.Provider, entry.Settings);
        var switchTo = ownEntry.ReachedDifferentlyThan(new TenantDescriptor(id, entry.DisplayName, back.Provider, back.Settings))
            ? moved with { Backend = back, Previous = moved.Backend, SetBy = request.Actor.Id, SetAt = clock.GetUtcNow() }
            : null;
        var checkpoint = (stored ?? new MigrationCheckpoint(id, back.Provider, "", MigrationPhase.CutOver, null, null, 0, 0, moved.SetAt, moved.SetAt));
        return await SwitchAsync(request, checkpoint, "roll-back", switchTo, MigrationPhase.RolledBack, hooks, ct);
    }

    private async Task<MigrationResult> SwitchAsync(MigrationRequest request, MigrationCheckpoint checkpoint, string step, TenantBackendOverride? switchTo,
        MigrationPhase after, MigrationHooks? hooks, CancellationToken ct)
    {
        var id = request.Tenant.Id;
        var lease = await MigrationLease.TryTakeAsync(leases, id, options, clock, log ?? (ILogger)NullLogger.Instance, ct)
            ?? throw new MigrationRefusedException($"tenant '{id}' is being migrated or switched by another run; try again when it is done");
        var steps = new MigrationAudit(audit, clock, request);
        var run = new MigrationRun(request, lease, checkpoints, options, clock, null, hooks ?? new MigrationHooks());
        // Losing the lease stops the switch at once (nothing is switched), as a cancel would.
        using var work = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
        var callerCt = ct;
        ct = work.Token;
        var reason = $"read-only while it moves to {ProductName(request.Target.ProviderKind)}";
        var switched = false;
        try
        {
            await run.SaveAsync(checkpoint, ct);
            await store.SetReadOnlyAsync(id, reason, ct);
            await sync.RefreshAsync(ct);
            await steps.StepAsync($"{step}: read-only", new { reason });
            using (var drain = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                drain.CancelAfter(options.DrainTimeout);
                try
                {
                    await gate.CloseAsync(id, reason, drain.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested && !run.LostLease)
                {
                    throw new MigrationException($"writes of '{id}' in flight did not finish within {options.DrainTimeout.TotalSeconds:0} s: nothing was switched");
                }
            }
            // Other instances refuse writes from their next registry poll; their writes before it reach the source in time.
            await Task.Delay(options.CutOverSettle, clock, ct);
            if (run.Hooks.AfterReadOnly is { } afterReadOnly) await afterReadOnly(ct);

            var applied = 0;
            for (var pass = 0; pass < options.MaxCatchUpPasses; pass++)
            {
                var changes = await CatchUp.PassAsync(run, ct);
                applied += changes;
                if (changes == 0) break;
            }
            // The copy's feed ended with its run: the final pass, while nothing can write, compares both sides in full.
            var route = new CatchUpRoute(CatchUpPath.VersionScan, "a cut-over's final pass compares both sides in full");
            // Only this pass's loads can have moved the counters since the copy's recount.
            var recounted = applied > 0 && await TargetCounters.RecountAsync(run, ct);
            await steps.StepAsync($"{step}: final catch-up", new { applied, path = "version scan", countersRecounted = recounted });
            var verification = await TenantMigrator.VerifyAsync(run, ct);
            await steps.StepAsync($"{step}: verify", TenantMigrator.Describe(verification));
            if (!verification.Clean)
                throw new MigrationException(
                    $"{verification.Summary}: nothing was switched and '{id}' is writable again on {ProductName(request.Tenant.ProviderKind)}. First differences: "
                    + string.Join("; ", verification.Differences.Take(5)));

            await store.SetOverrideAsync(id, switchTo, ct);
            switched = true;
            await run.SaveAsync(run.Checkpoint with { Phase = after }, CancellationToken.None);
            await steps.StepAsync($"{step}: switched", new
            {
                provider = request.Target.ProviderKind,
                settings = SecretSettings.Masked(request.Target.Settings),
                rollbackUntil = switchTo?.RollbackUntil,
            });
            return new MigrationResult(null, applied, verification, run.Retry.Throttles, route, run.Retry.UnavailableRetries);
        }
        catch (Exception e) when (!switched)
        {
            // Whatever a lost lease interrupted, the reason on record is the lost lease.
            var failure = run.LostLease && !callerCt.IsCancellationRequested && e is not MigrationException ? run.LeaseLost() : e;
            await steps.StepAsync($"{step}: not switched", new { error = failure.Message });
            if (ReferenceEquals(failure, e)) throw;
            throw failure;
        }
        finally
        {
            if (!switched) await WritableAgainAsync(id);
            // The registry first, then the gate: a write through a store built for the old backend is refused from here on.
            await sync.RefreshAsync(CancellationToken.None);
            gate.Open(id);
            await lease.ReleaseAsync(CancellationToken.None);
        }
    }

    private async Task WritableAgainAsync(string id)
    {
        // Retried briefly: a tenant left read-only by a failed cut-over is what Ops would least expect.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await store.SetReadOnlyAsync(id, null, CancellationToken.None);
                return;
            }
            catch (Exception) when (attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 << attempt), clock);
            }
        }
    }

    private string ProductName(string providerKind) => registry.FindProvider(providerKind)?.ProductName ?? providerKind;
}
