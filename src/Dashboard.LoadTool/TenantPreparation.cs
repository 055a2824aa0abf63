using Dashboard.Core.Demo;
using Dashboard.Core.Metering.Load;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;

namespace Dashboard.LoadTool;

/// <summary>
/// What the app does for every tenant at start, done here for the one tenant under load: its schema
/// (<c>Settings:CreateSchema</c>) and demo data (<c>Settings:SeedDemoData</c>), so the tool works on a fresh
/// clone too. Both are idempotent, so they get the sampling calls' retries.
/// </summary>
internal static class TenantPreparation
{
    public static async Task PrepareAsync(TenantDescriptor tenant, IDataStore backend, SamplingPatience patience, TimeProvider clock, CancellationToken ct)
    {
        if (tenant.Flag(TenantStartupService.CreateSchemaKey))
            await SamplingRetry.RunAsync(tenant.Id, "creating its schema", backend.EnsureSchemaAsync, patience, clock, ct);
        if (tenant.Flag(TenantStartupService.SeedDemoDataKey)
            && await SamplingRetry.RunAsync(tenant.Id, "loading demo data", t => DemoDataSeeder.SeedAsync(backend, t), patience, clock, ct))
            Console.WriteLine($"Loaded demo data into tenant '{tenant.Id}'.");
    }
}
