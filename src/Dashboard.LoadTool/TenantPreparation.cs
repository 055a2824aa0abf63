using Dashboard.Core.Demo;
using Dashboard.Operations.Load;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;

namespace Dashboard.LoadTool;

/// <summary>
/// What the app does for every tenant at start, done here for the one tenant under load: its schema
/// (<c>Settings:CreateSchema</c>) and demo data (<c>Settings:SeedDemoData</c>), so the tool works on a fresh
/// clone too. Each step is one idempotent call with the sampling calls' retries, and demo data is only looked
/// for (one users page) unless the tenant has no users: a throttling backend costs a few tries, not a reload.
/// </summary>
internal static class TenantPreparation
{
    public static async Task PrepareAsync(TenantDescriptor tenant, IDataStore backend, SamplingPatience patience, TimeProvider clock, CancellationToken ct)
    {
        if (tenant.Flag(TenantStartupService.CreateSchemaKey))
            await SamplingRetry.RunAsync(tenant.Id, "creating its schema", backend.EnsureSchemaAsync, patience, clock, ct);
        if (!tenant.Flag(TenantStartupService.SeedDemoDataKey)) return;
        var someone = await SamplingRetry.RunAsync(tenant.Id, "looking for users",
            t => backend.ListUsersAsync(UserQuery.All, new PageRequest(1), t), patience, clock, ct);
        if (someone.Items.Count == 0
            && await SamplingRetry.RunAsync(tenant.Id, "loading demo data", t => DemoDataSeeder.SeedAsync(backend, t), patience, clock, ct))
            Console.WriteLine($"Loaded demo data into tenant '{tenant.Id}'.");
    }
}
