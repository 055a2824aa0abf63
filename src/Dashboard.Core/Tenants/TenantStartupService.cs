using Dashboard.Core.Demo;
using Dashboard.Core.Stores;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Tenants;

/// <summary>
/// After start, creates schemas (<c>Settings:CreateSchema</c>) and loads demo data (<c>Settings:SeedDemoData</c>)
/// per tenant, in the background: a tenant whose backend is down is logged, never holds the app back.
/// Runs as the app itself on the raw backends (bulk loads are not people's changes, so not audited).
/// </summary>
public sealed class TenantStartupService(TenantRegistry registry, ITenantBackends backends, ILogger<TenantStartupService> log)
    : BackgroundService
{
    public const string CreateSchemaKey = "CreateSchema";
    public const string SeedDemoDataKey = "SeedDemoData";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(registry.All
            .Where(t => t.Flag(CreateSchemaKey) || t.Flag(SeedDemoDataKey))
            .Select(t => PrepareAsync(t, stoppingToken)));

    private async Task PrepareAsync(TenantDescriptor tenant, CancellationToken ct)
    {
        try
        {
            var store = backends.For(tenant.Id);
            if (tenant.Flag(CreateSchemaKey)) await store.EnsureSchemaAsync(ct);
            if (tenant.Flag(SeedDemoDataKey) && await DemoDataSeeder.SeedAsync(store, ct))
                log.LogInformation("Loaded demo data into tenant {Tenant}", tenant.Id);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Tenant {Tenant} ({Provider}) could not be prepared: {Problem}", tenant.Id, tenant.ProviderKind, e.Message);
        }
    }
}
