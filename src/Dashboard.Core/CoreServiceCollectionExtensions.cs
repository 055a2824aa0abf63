using Dashboard.Core.Tenants.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Tenant registry (validated at start), the backends, the person-scoped store factory and tenant
    /// preparation. The host supplies <see cref="Audit.IAuditLog"/> and an <see cref="ICurrentPerson"/>.
    /// </summary>
    public static IServiceCollection AddDashboardCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TenantsOptions, TenantsOptionsValidator>()
            .Configure(o => TenantsConfiguration.Bind(configuration, o.Tenants));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TenantsOptionsValidator>(); // also checks tenants saved at runtime
        services.TryAddSingleton<TenantRegistry>();
        services.AddValidatedOptions<TenantResourceOptions, TenantResourceOptionsValidator>(configuration.GetSection(TenantResourceOptions.Section));
        services.TryAddSingleton<ITenantBackends, TenantBackends>();
        // Every tenant's writes pass this instance's gate, which a migration's cut-over closes for its final catch-up.
        services.TryAddSingleton<Migrations.TenantWriteGate>();
        services.AddSingleton<IDataStoreDecorator, Migrations.WriteGateDecorator>();
        // Scoped: each circuit, request or tool run has its own person. With no host principal, nobody is signed in.
        services.TryAddScoped<ICurrentPerson>(_ => new FixedPerson(Person.Anonymous));
        services.TryAddScoped<ITenantStoreFactory, TenantStoreFactory>();
        services.TryAddScoped<Audit.AuditReader>();
        // The orders workspace: exports, bulk status changes, the jump box.
        services.TryAddSingleton<Export.CsvExporter>();
        services.TryAddSingleton<Export.ExportJobs>();
        services.TryAddSingleton(new Bulk.BulkOptions());
        services.TryAddSingleton<Bulk.BulkStatusChange>();
        services.TryAddScoped<Jump.JumpResolver>();
        services.TryAddSingleton<TenantPreparationProgress>();
        services.AddHostedService<TenantStartupService>();
        // Tenant health: the cache pages and /healthz read, and its prober (the host runs it; see TenantHealthProber).
        services.AddValidatedOptions<TenantHealthOptions, TenantHealthOptionsValidator>(configuration.GetSection(TenantHealthOptions.Section));
        services.TryAddSingleton<TenantHealthCache>();
        services.TryAddSingleton<TenantHealthProber>();
        return services;
    }

    /// <summary>For tools and background processes: every store call acts as <see cref="Person.System"/> (and is audited as such).</summary>
    public static IServiceCollection AddSystemPerson(this IServiceCollection services)
    {
        services.RemoveAll<ICurrentPerson>();
        services.AddScoped<ICurrentPerson>(_ => new FixedPerson(Person.System));
        return services;
    }
}
