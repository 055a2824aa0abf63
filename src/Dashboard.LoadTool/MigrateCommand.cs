using Dashboard.AppStore;
using Dashboard.Core.Access;
using Dashboard.Core.Errors;
using Dashboard.Core.Migrations;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Core.Tenants.Registry;
using Dashboard.Operations.Load;
using Dashboard.Operations.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.LoadTool;

/// <summary>
/// <c>migrate --tenant T --to-provider P --setting k=v ... [--verify-only] [--resume] [--cut-over]</c>: copies a tenant
/// to another backend with the app's configuration and app store (checkpoints, audit), printing a progress bar and
/// ending with <c>verified N users, M orders, K differences</c>; <c>--cut-over</c> then switches the tenant to it (the
/// copy is skipped when a verified one to that target is done), and <c>migrate --tenant T --roll-back</c> switches it
/// back while the rollback window is open. Exit codes: 0 clean, 3 differences found, 2 a wrong command
/// line, 1 the migration could not be made (the reason in one line on stderr), 130 cancelled (resumable).
/// </summary>
public static class MigrateCommand
{
    public static Task<int> RunAsync(string[] args) => ToolCommand.RunAsync(
        ct => RunAsync(MigrateArguments.Parse(args), ct),
        e => e is MigrationException or StoreException or LoadNotStartedException or OptionsValidationException,
        "cancelled; the checkpoint is kept: run again with --resume to continue");

    private static async Task<int> RunAsync(MigrateArguments migrate, CancellationToken ct)
    {
        using var host = LoadToolHost.Build();
        var services = host.Services;
        // The app store holds checkpoints, the audit log and the tenants added at runtime: made and read as the app does at start.
        await using (var db = await services.GetRequiredService<IDbContextFactory<AppStoreDbContext>>().CreateDbContextAsync(ct))
            await AppStoreSchema.EnsureAsync(db, services.GetRequiredService<IOptions<AppStoreOptions>>().Value.IsMySql, ct);
        var sync = services.GetRequiredService<TenantRegistrySync>();
        await sync.StartAsync(ct);
        try
        {
            var registry = services.GetRequiredService<TenantRegistry>();
            var tenant = registry.Find(migrate.Tenant)
                ?? throw new MigrationException($"no tenant '{migrate.Tenant}' (tenants: {string.Join(", ", registry.All.Select(t => t.Id))})");
            var migrations = services.GetRequiredService<TenantMigrations>();
            if (migrate.RollBack)
            {
                Console.WriteLine($"Rolling tenant '{tenant.Id}' back from {tenant.ProviderKind} (read-only for the final catch-up) ...");
                var back = await migrations.RollBackAsync(tenant.Id, Person.System, ct);
                Console.WriteLine($"rolled back: '{tenant.Id}' is on its previous backend again; {back.CaughtUp} changes made since the cut-over carried back");
                Console.WriteLine(back.Verification.Summary);
                return 0;
            }
            var target = new MigrationTarget(migrate.ToProvider!, migrate.Settings);
            var checkpoint = await services.GetRequiredService<IMigrationCheckpoints>().GetAsync(tenant.Id, ct);
            var normalized = target with { ProviderKind = registry.FindProvider(target.ProviderKind)?.Kind ?? target.ProviderKind };
            // A finished, verified copy to this very target is cut over without copying again.
            var copied = migrate.CutOver && checkpoint is { Phase: MigrationPhase.Done } && checkpoint.TargetFingerprint == normalized.Fingerprint();
            if (!copied)
            {
                var result = await CopyAsync(migrate, tenant, migrations, target, services, ct);
                if (!result.Verification.Clean) return 3;
            }
            if (!migrate.CutOver) return 0;
            Console.WriteLine($"Cutting tenant '{tenant.Id}' over to {normalized.ProviderKind}: read-only for the final catch-up ...");
            var switched = await migrations.CutOverAsync(tenant.Id, target, Person.System, ct);
            Console.WriteLine($"cut over: '{tenant.Id}' is on {normalized.ProviderKind} now ({switched.CaughtUp} final changes applied); "
                + "the source is kept: migrate --tenant " + tenant.Id + " --roll-back switches it back within the rollback window");
            Console.WriteLine(switched.Verification.Summary);
            return 0;
        }
        finally
        {
            await sync.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<MigrationResult> CopyAsync(MigrateArguments migrate, TenantDescriptor tenant, TenantMigrations migrations, MigrationTarget target,
        IServiceProvider services, CancellationToken ct)
    {
        if (!migrate.VerifyOnly)
            await TenantPreparation.PrepareAsync(tenant, services.GetRequiredService<ITenantBackends>().For(tenant.Id), SamplingPatience.Default,
                services.GetRequiredService<TimeProvider>(), ct);
        Console.WriteLine(migrate.VerifyOnly
            ? $"Verifying tenant '{tenant.Id}' ({tenant.ProviderKind}) against {migrate.ToProvider} ..."
            : $"Migrating tenant '{tenant.Id}' from {tenant.ProviderKind} to {migrate.ToProvider}{(migrate.Resume ? " (resuming)" : "")} ...");
        var bar = new ProgressBar();
        var result = await migrations.RunAsync(tenant.Id, target, Person.System, migrate.Resume, migrate.VerifyOnly, bar, ct);
        bar.EndLine();
        if (result.CatchUp is { } route) Console.WriteLine($"catch-up by {route}: {result.CaughtUp} changes made during the copy applied");
        if (result.Throttles > 0) Console.WriteLine($"waited out {result.Throttles} throttled calls");
        if (result.UnavailableRetries > 0) Console.WriteLine($"repeated {result.UnavailableRetries} calls the backend did not answer in time or refused as unavailable");
        foreach (var difference in result.Verification.Differences.Take(100)) Console.WriteLine($"difference: {difference}");
        if (result.Verification.Differences.Count > 100) Console.WriteLine($"... and {result.Verification.Differences.Count - 100} more differences");
        Console.WriteLine(result.Verification.Summary);
        return result;
    }
}
