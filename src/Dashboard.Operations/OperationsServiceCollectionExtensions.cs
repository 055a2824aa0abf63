using Dashboard.Core;
using Dashboard.Operations.Alerts;
using Dashboard.Operations.Metering.Fleet;
using Dashboard.Operations.Queries.Fleet;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// Resilience and metering around every tenant's store (resilience inside, so one metered call covers its
    /// retries), the instruments, the rolling store, the ops page queries, the price sheet and the per-circuit
    /// action cost, alerting, and tenant migrations.
    /// </summary>
    public static IServiceCollection AddDashboardOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions<ResilienceOptions, ResilienceOptionsValidator>(configuration.GetSection(ResilienceOptions.Section));
        services.AddValidatedOptions<PricingOptions, PricingOptionsValidator>(configuration.GetSection(PricingOptions.Section));

        services.TryAddSingleton<TenantCircuits>();
        services.TryAddSingleton(new ThrottleLog());
        services.TryAddSingleton(sp => new RollingStore(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ThrottleLog>(),
            sp.GetRequiredService<IOptions<MetricsOptions>>().Value.RollingStoreMaxSlots));
        services.TryAddSingleton<StoreMetrics>();
        // Decorators apply in registration order, each wrapping the previous: resilience, then metering outside it.
        services.AddSingleton<IDataStoreDecorator, ResilienceDecorator>();
        services.AddSingleton<IDataStoreDecorator, MeteringDecorator>();
        services.AddSingleton<IStoreCallSink>(sp => sp.GetRequiredService<StoreMetrics>());
        services.AddSingleton<IStoreCallSink>(sp => sp.GetRequiredService<RollingStore>());
        services.AddSingleton<IStoreCallSink, ActionUsageSink>();

        services.TryAddSingleton<Live.ChangeAttribution>();
        services.TryAddSingleton<Live.ChangeHub>();
        services.TryAddSingleton<StorageSizes>();
        AddOpsSources(services, configuration);
        AddAlerts(services, configuration);
        services.TryAddScoped<ActionUsage>();
        // Tenant migrations: the host supplies the checkpoints (the app store).
        services.TryAddSingleton(sp => configuration.GetSection("Migrations").Get<Migrations.MigrationOptions>() ?? new Migrations.MigrationOptions());
        services.TryAddSingleton<Migrations.TenantMigrator>();
        services.TryAddSingleton<Migrations.TenantCutOver>();
        services.TryAddSingleton<Migrations.TenantMigrations>();
        AddCompare(services);
        return services;
    }

    /// <summary>
    /// Backend comparisons on scratch tenants. The providers supply their scratch spaces, the host the ledger,
    /// the kept runs and the fleet lease (the app store); without those the comparison and its sweep stay off.
    /// </summary>
    private static void AddCompare(IServiceCollection services)
    {
        services.TryAddSingleton<Compare.ScratchTenants>();
        services.TryAddSingleton<Compare.CompareMixes>();
        services.TryAddSingleton<Compare.CompareRunner>();
        services.TryAddSingleton<Compare.CompareService>();
        services.TryAddSingleton<Compare.ScratchSweepService>();
        services.AddSingleton<IHostedService>(sp =>
            sp.GetService<Dashboard.Core.Compare.IScratchLedger>() is null || sp.GetService<Dashboard.Core.Alerts.IFleetLease>() is null || sp.GetService<TenantRegistry>() is null
                ? new NoSweep()
                : sp.GetRequiredService<Compare.ScratchSweepService>());
    }

    private sealed class NoSweep : IHostedService
    {
        public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }

    /// <summary>
    /// Alerting: the rules (<c>Alerts</c>, validated at start), the evaluator, the engine behind the fleet lease, the
    /// webhook and email notifiers and the evaluation loop. The host supplies <see cref="Dashboard.Core.Alerts.IUnitsBaselineStore"/>, <see cref="Dashboard.Core.Alerts.IAlertStore"/> and
    /// <see cref="Dashboard.Core.Alerts.IFleetLease"/> (the app store); without them the loop stays off.
    /// </summary>
    private static void AddAlerts(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AlertsOptions, AlertsOptionsValidator>(configuration.GetSection(AlertsOptions.Section));
        services.TryAddSingleton<AlertRules>();
        services.TryAddSingleton<RollingAlertInputs>();
        // The tenant rules read what the ops pages read: the fleet's figures from Prometheus when it is the source.
        if (configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() is { FromPrometheus: true })
            services.TryAddSingleton<IAlertInputs, PrometheusAlertInputs>();
        else
            services.TryAddSingleton<IAlertInputs>(sp => sp.GetRequiredService<RollingAlertInputs>());
        services.TryAddSingleton<UnitsBaseline>();
        services.TryAddSingleton<UnavailabilityTracker>();
        services.TryAddSingleton<AlertEvaluator>();
        services.TryAddSingleton<AlertEngine>();
        // Each notifier queues and sends in the background; the engine hands every notification to all of them.
        services.TryAddSingleton<WebhookNotifier>();
        services.TryAddSingleton<EmailNotifier>();
        services.AddSingleton<QueuedNotifier>(sp => sp.GetRequiredService<WebhookNotifier>());
        services.AddSingleton<QueuedNotifier>(sp => sp.GetRequiredService<EmailNotifier>());
        services.TryAddSingleton<IAlertNotifier, AlertNotifiers>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookNotifier>());
        services.AddHostedService(sp => sp.GetRequiredService<EmailNotifier>());
        services.AddHostedService<AlertEvaluationService>();
    }

    /// <summary>
    /// The ops pages' figures: this instance's rolling store, or with <c>Metrics:Source=Prometheus</c> the fleet's
    /// from Prometheus, and this instance's throttle events shipped to the shared list in the app store (the host
    /// supplies <see cref="IThrottleEventStore"/>). The host names the instance with <see cref="InstanceName"/>.
    /// </summary>
    private static void AddOpsSources(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MetricsOptions, MetricsOptionsValidator>(configuration.GetSection(MetricsOptions.Section));
        services.TryAddSingleton(_ => InstanceName.FromProcess());
        services.TryAddSingleton<ThroughputQuery>();
        services.TryAddSingleton<ThrottlingQuery>();
        services.TryAddSingleton<CostQuery>();
        if (configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() is { FromPrometheus: true })
        {
            services.TryAddSingleton<PrometheusClient>();
            services.TryAddSingleton<FleetQueries>();
            services.TryAddSingleton<IThroughputSource, PrometheusThroughputQuery>();
            services.TryAddSingleton<IThrottlingSource, PrometheusThrottlingQuery>();
            services.TryAddSingleton<ICostSource, PrometheusCostQuery>();
            services.TryAddSingleton<ThrottleEventShipper>();
            services.AddSingleton<IStoreCallSink>(sp => sp.GetRequiredService<ThrottleEventShipper>());
            services.AddHostedService(sp => sp.GetRequiredService<ThrottleEventShipper>());
        }
        else
        {
            services.TryAddSingleton<IThroughputSource>(sp => sp.GetRequiredService<ThroughputQuery>());
            services.TryAddSingleton<IThrottlingSource>(sp => sp.GetRequiredService<ThrottlingQuery>());
            services.TryAddSingleton<ICostSource>(sp => sp.GetRequiredService<CostQuery>());
        }
    }
}
