using Dashboard.AppStore.Alerts;
using Dashboard.AppStore.Lockout;
using Dashboard.AppStore.Migrations;
using Dashboard.Core.Migrations;
using Dashboard.Core.Alerts;
using Dashboard.AppStore.RecentTenants;
using Dashboard.AppStore.Sessions;
using Dashboard.AppStore.Tenants;
using Dashboard.Core.Tenants.Registry;
using Dashboard.Core;
using Dashboard.Core.Tenants;
using Dashboard.Core.Audit;
using Dashboard.Core.Usage;
using Dashboard.AppStore.Throttling;
using Dashboard.Core.Files;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.AppStore;

public static class AppStoreServiceCollectionExtensions
{
    /// <summary>
    /// The app store (created at start), the audit log, sign-in sessions, lockouts, the fleet's throttle events, recent tenants, the tenant registry, alerts, alert rule edits, the units spike baseline, fleet leases, migration checkpoints and kept comparisons (with their scratch ledger) on it. The web host adds
    /// the data-protection key ring kept in it with <c>AddAppStoreKeyRing</c>.
    /// </summary>
    public static IServiceCollection AddAppStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AppStoreOptions, AppStoreOptionsValidator>(configuration.GetSection(AppStoreOptions.Section));
        services.AddDbContextFactory<AppStoreDbContext>((sp, db) =>
        {
            var options = sp.GetRequiredService<IOptions<AppStoreOptions>>().Value;
            if (options.IsMySql)
            {
                var version = string.IsNullOrWhiteSpace(options.ServerVersion)
                    ? new MariaDbServerVersion(new Version(10, 11))
                    : ServerVersion.Parse(options.ServerVersion);
                db.UseMySql(options.ConnectionString, version);
            }
            else
            {
                db.UseSqlite(SqliteConnectionString(options.ConnectionString, sp.GetService<IHostEnvironment>()));
            }
        });
        services.TryAddSingleton<IAuditLog, EfAuditLog>();
        services.TryAddSingleton<SessionStore>();
        services.TryAddSingleton<SignInLockoutStore>();
        services.TryAddSingleton<IThrottleEventStore, EfThrottleEventStore>();
        services.TryAddSingleton<IRecentTenants, EfRecentTenants>();
        services.TryAddSingleton<IAlertStore, EfAlertStore>();
        services.TryAddSingleton<IFleetLease, EfFleetLease>();
        services.TryAddSingleton<IMigrationCheckpoints, EfMigrationCheckpoints>();
        services.TryAddSingleton<IAlertRulesStore, EfAlertRulesStore>();
        services.TryAddSingleton<IUnitsBaselineStore, EfUnitsBaselineStore>();
        services.TryAddSingleton<Dashboard.Core.Compare.ICompareRuns, Compare.EfCompareRuns>();
        services.TryAddSingleton<Dashboard.Core.Compare.IScratchLedger, Compare.EfScratchLedger>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<AppStoreStartup>();
        // The tenant registry: seeded from configuration and loaded after the schema exists, before requests are served.
        services.TryAddSingleton<ITenantRegistryStore, EfTenantRegistryStore>();
        services.AddValidatedOptions<TenantRegistryOptions, TenantRegistryOptionsValidator>(configuration.GetSection(TenantRegistryOptions.Section));
        services.TryAddSingleton<TenantRegistrySync>();
        // A process without tenants (no AddDashboardCore) has no registry to keep.
        services.AddSingleton<IHostedService>(sp => sp.GetService<TenantRegistry>() is null ? new NothingToRun() : sp.GetRequiredService<TenantRegistrySync>());
        services.TryAddScoped<TenantAdmin>();
        return services;
    }

    /// <summary>A relative file is under the content root (<see cref="SqliteDataSource"/>), in a folder made if missing.</summary>
    internal static string SqliteConnectionString(string connectionString, IHostEnvironment? environment)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        builder.DataSource = SqliteDataSource.Resolve(builder.DataSource, environment?.ContentRootPath);
        SqliteDataSource.EnsureFolder(builder.DataSource);
        return builder.ToString();
    }
}

internal sealed class NothingToRun : IHostedService
{
    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// Creates the app store's schema before the server takes requests (the key ring and the audit log need it), then,
/// where the key ring is kept here, revokes keys stored in the clear before anything loads the ring.
/// </summary>
internal sealed class AppStoreStartup(IDbContextFactory<AppStoreDbContext> contexts, IOptions<AppStoreOptions> options, IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
            await AppStoreSchema.EnsureAsync(db, options.Value.IsMySql, ct);
        if (services.GetService<KeyRing.PlaintextKeyRevoker>() is { } revoker) await revoker.RunAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
