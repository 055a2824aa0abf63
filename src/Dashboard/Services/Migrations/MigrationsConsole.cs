using Dashboard.Core.Migrations;
using Dashboard.Core.Tenants.Registry;
using Dashboard.Operations.Migrations;

namespace Dashboard.Services.Migrations;

/// <summary>What a page action ended with: the sentence to show, and whether it is a failure.</summary>
public sealed record MigrationNotice(string Text, bool Failed);

/// <summary>
/// The logic of /ops/migrations: the list (checkpoints in the app store, with this instance's running copies and
/// the registry's switches), and plan, start, cut over and roll back for the signed-in Ops person. Every action
/// answers with a sentence instead of throwing, so the page stays usable whatever fails.
/// </summary>
public sealed class MigrationsConsole(
    TenantMigrations migrations,
    MigrationJobs jobs,
    IMigrationCheckpoints checkpoints,
    ITenantRegistryStore registryStore,
    TenantRegistry registry,
    ICurrentPerson current,
    TimeProvider clock,
    ILogger<MigrationsConsole> log)
{
    /// <summary>Which tenants the form offers: a disabled tenant refuses reads, so it cannot be copied.</summary>
    public static bool CanMigrate(TenantDescriptor tenant) => !tenant.Disabled;

    public IReadOnlyList<string> Providers => registry.Providers.Select(p => p.Kind).Order().ToList();

    /// <summary>Whether a copy started here is still running (the page refreshes every second meanwhile).</summary>
    public bool AnyRunning => jobs.All.Any(j => j.Running);

    public async Task<IReadOnlyList<MigrationRowView>> ListAsync(CancellationToken ct)
    {
        var stored = (await checkpoints.ListAsync(ct)).ToDictionary(c => c.TenantId, StringComparer.Ordinal);
        var snapshot = await registryStore.LoadAsync(ct);
        var entries = snapshot.Tenants.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var ids = stored.Keys.Union(jobs.All.Select(j => j.TenantId)).Distinct().ToList();
        return ids.Select(id => Row(id, stored.GetValueOrDefault(id), jobs.Find(id), entries.GetValueOrDefault(id)))
            .OrderByDescending(r => r.UpdatedAt).ToList();
    }

    private MigrationRowView Row(string id, MigrationCheckpoint? checkpoint, MigrationJob? job, TenantRecord? entry)
    {
        var now = clock.GetUtcNow();
        var rollBackUntil = entry?.Override?.RollbackUntil;
        var canRollBack = entry?.Override is not null && rollBackUntil >= now && job is not { Running: true };
        var target = job?.Target.ProviderKind ?? checkpoint?.TargetProvider ?? "";
        var updated = checkpoint?.UpdatedAt ?? now;
        if (job is { Running: true })
        {
            var p = job.Latest;
            var progress = p is null ? "planning" : p.Total > 0
                ? $"{p.Phase}: {p.Done:N0} of {p.Total:N0} rows · {p.RowsPerSecond:N0} rows/s{(p.Eta is { } eta ? $" · ETA {Eta(eta)}" : "")}"
                : $"{p.Phase}{(p.Message is null ? "" : $": {p.Message}")}";
            var phase = p?.Phase switch { "verify" => "verifying", "catch-up" => "catching up", _ => "copying" };
            return new MigrationRowView(id, target, phase, progress, p is { Total: > 0 } ? p.Fraction : null, now, false, false, rollBackUntil, CanCancel: true);
        }
        if (entry?.ReadOnlyReason is { } reason)
            return new MigrationRowView(id, target, $"switching ({reason})", null, null, now, false, false, rollBackUntil);
        var (state, canCutOver) = checkpoint?.Phase switch
        {
            MigrationPhase.Done => ("verified", job?.Target is not null),
            MigrationPhase.CutOver => ($"cut over to {checkpoint.TargetProvider}", false),
            MigrationPhase.RolledBack => ("rolled back", false),
            null => (job?.State switch
            {
                MigrationJobState.Failed => "failed",
                MigrationJobState.Cancelled => "cancelled before it copied anything",
                _ => "not started",
            }, false),
            var phase => (job?.State switch
            {
                MigrationJobState.Failed => $"failed during {Phase(phase.Value)}",
                MigrationJobState.Cancelled => $"cancelled during {Phase(phase.Value)}",
                _ => $"stopped during {Phase(phase.Value)} (resume from the CLI with --resume)",
            }, false),
        };
        if (job?.State == MigrationJobState.Differences) state = "differences found";
        var copied = checkpoint is null ? null : $"{checkpoint.UsersCopied:N0} users, {checkpoint.OrdersCopied:N0} orders copied";
        var detail = job?.State == MigrationJobState.Cancelled
            ? copied is null ? null : $"{copied}; continue it from the CLI with --resume"
            : job?.Outcome ?? copied;
        return new MigrationRowView(id, target, state, detail, null, updated, canCutOver, canRollBack, rollBackUntil);
    }

    public async Task<MigrationNotice> PlanAsync(MigrationForm form, CancellationToken ct) =>
        await GuardAsync(async () =>
        {
            var plan = await migrations.PlanAsync(form.Tenant, form.Target(), current.Person, ct);
            return $"Plan for {form.Tenant} → {form.Provider}: the target answers, its schema is created and it is empty; {plan}.";
        });

    public Task<MigrationNotice> StartAsync(MigrationForm form) =>
        GuardAsync(() =>
        {
            jobs.Start(form.Tenant, form.Target(), current.Person);
            return Task.FromResult($"Migration of {form.Tenant} to {form.Provider} started: the list shows its progress.");
        });

    /// <summary>Cuts over to the target of the copy started here (its settings are kept in memory), or else to the form's.</summary>
    public Task<MigrationNotice> CutOverAsync(string tenant, MigrationForm? form, CancellationToken ct) =>
        GuardAsync(async () =>
        {
            var target = jobs.Find(tenant)?.Target ?? (form is not null && form.Tenant == tenant ? form.Target()
                : throw new MigrationException($"enter the target of {tenant}'s migration in the form (its settings are not kept after a restart), then cut over"));
            var result = await migrations.CutOverAsync(tenant, target, current.Person, ct);
            return $"{tenant} is on {target.ProviderKind} now ({result.Verification.Summary}); the source is kept for a roll-back.";
        });

    /// <summary>Stops the copy of <paramref name="tenant"/> running here; its checkpoint stays for a resume.</summary>
    public Task<MigrationNotice> CancelAsync(string tenant) =>
        GuardAsync(async () =>
        {
            if (!await jobs.CancelAsync(tenant, current.Person, CancelPatience))
                return $"Migration of {tenant} is being cancelled: it stops after the page it is writing, keeping its checkpoint.";
            // Cancelled before its first checkpoint, a run leaves nothing to resume.
            return await checkpoints.GetAsync(tenant, CancellationToken.None) is null
                ? $"Migration of {tenant} cancelled before it copied anything: there is nothing to resume."
                : $"Migration of {tenant} cancelled: its checkpoint is kept, so it can be resumed (CLI: migrate --resume).";
        });

    private static readonly TimeSpan CancelPatience = TimeSpan.FromSeconds(10);

    public Task<MigrationNotice> RollBackAsync(string tenant, CancellationToken ct) =>
        GuardAsync(async () =>
        {
            var result = await migrations.RollBackAsync(tenant, current.Person, ct);
            return $"{tenant} is back on its previous backend ({result.CaughtUp} changes carried back; {result.Verification.Summary}).";
        });

    private async Task<MigrationNotice> GuardAsync(Func<Task<string>> action)
    {
        try
        {
            return new MigrationNotice(await action(), false);
        }
        catch (MigrationException e)
        {
            return new MigrationNotice(Sentence(e.Message), true);
        }
        catch (Exception e) when (e is StoreException or ValidationException)
        {
            return new MigrationNotice(StoreErrorText.Describe(e), true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "A migration action failed");
            return new MigrationNotice("Something unexpected went wrong. It has been logged; the page is usable, try again.", true);
        }
    }

    private static string Sentence(string message) => char.ToUpperInvariant(message[0]) + message[1..] + (message.EndsWith('.') ? "" : ".");

    private static string Phase(MigrationPhase phase) => phase switch
    {
        MigrationPhase.CatchUp => "catch-up",
        _ => phase.ToString().ToLowerInvariant(),
    };

    private static string Eta(TimeSpan eta) => eta.TotalSeconds < 90 ? $"{Math.Ceiling(eta.TotalSeconds):0} s" : $"{eta.TotalMinutes:0} min";
}
