using Dashboard.AppStore;
using Dashboard.Core.Access;
using Dashboard.Core.Errors;
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
/// <c>migrate --tenant T --to-provider P --setting k=v ... [--verify-only] [--resume]</c>: copies a tenant to another
/// backend with the app's configuration and app store (checkpoints, audit), printing a progress bar and ending with
/// <c>verified N users, M orders, K differences</c>. Exit codes: 0 clean, 3 differences found, 2 a wrong command
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
            if (!migrate.VerifyOnly)
                await TenantPreparation.PrepareAsync(tenant, services.GetRequiredService<ITenantBackends>().For(tenant.Id), SamplingPatience.Default,
                    services.GetRequiredService<TimeProvider>(), ct);

            Console.WriteLine(migrate.VerifyOnly
                ? $"Verifying tenant '{tenant.Id}' ({tenant.ProviderKind}) against {migrate.ToProvider} ..."
                : $"Migrating tenant '{tenant.Id}' from {tenant.ProviderKind} to {migrate.ToProvider}{(migrate.Resume ? " (resuming)" : "")} ...");
            var bar = new ProgressBar();
            var result = await services.GetRequiredService<TenantMigrations>().RunAsync(tenant.Id, new MigrationTarget(migrate.ToProvider, migrate.Settings),
                Person.System, migrate.Resume, migrate.VerifyOnly, bar, ct);
            bar.EndLine();
            if (result.CaughtUp > 0) Console.WriteLine($"caught up {result.CaughtUp} changes made during the copy");
            if (result.Throttles > 0) Console.WriteLine($"waited out {result.Throttles} throttled calls");
            foreach (var difference in result.Verification.Differences.Take(100)) Console.WriteLine($"difference: {difference}");
            if (result.Verification.Differences.Count > 100) Console.WriteLine($"... and {result.Verification.Differences.Count - 100} more differences");
            Console.WriteLine(result.Verification.Summary);
            return result.Verification.Clean ? 0 : 3;
        }
        finally
        {
            await sync.StopAsync(CancellationToken.None);
        }
    }
}
