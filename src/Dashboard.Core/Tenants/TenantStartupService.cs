using Dashboard.Core.Demo;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Core.Tenants;

/// <summary>
/// After start, creates schemas (<c>Settings:CreateSchema</c>) and loads demo data (<c>Settings:SeedDemoData</c>)
/// per tenant, in the background: a tenant whose backend is down, slow or still starting never holds the app
/// back, and is tried again with growing pauses until it is prepared (both steps are idempotent). At most
/// <see cref="PrepareConcurrency"/> tenants are prepared at a time, those with demo data first: with thousands of
/// tenants, preparing them all at once built every tenant's store together at start. A tenant waiting for its
/// backend holds no place between attempts, so a dead backend never holds the others back.
/// Runs as the app itself on the raw backends (bulk loads are not people's changes, so not audited).
/// </summary>
public sealed class TenantStartupService(
    TenantRegistry registry, ITenantBackends backends, TimeProvider clock, ILogger<TenantStartupService> log, TenantPreparationProgress? progress = null)
    : BackgroundService
{
    public const string CreateSchemaKey = "CreateSchema";
    public const string SeedDemoDataKey = "SeedDemoData";
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

    public const int PrepareConcurrency = 4;

    private readonly SemaphoreSlim _places = new(PrepareConcurrency);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The stored registry, not only configuration, says which tenants exist and which are disabled.
        await registry.WhenLoadedAsync(stoppingToken);
        var tenants = registry.All
            .Where(t => !t.Disabled && (t.Flag(CreateSchemaKey) || t.Flag(SeedDemoDataKey)))
            .OrderByDescending(t => t.Flag(SeedDemoDataKey))
            .ToList();
        progress?.Expect(tenants.Count);
        await Task.WhenAll(tenants.Select(async t =>
        {
            try
            {
                await PrepareAsync(t, stoppingToken);
            }
            finally
            {
                progress?.Finished();
            }
        }));
    }

    /// <summary>Creates the schema and loads demo data if the tenant's settings ask for them (both idempotent); true when demo data was loaded.</summary>
    public static async Task<bool> PrepareOnceAsync(TenantDescriptor tenant, IDataStore store, CancellationToken ct)
    {
        if (tenant.Flag(CreateSchemaKey)) await store.EnsureSchemaAsync(ct);
        return tenant.Flag(SeedDemoDataKey) && await DemoDataSeeder.SeedAsync(store, ct);
    }

    private async Task PrepareAsync(TenantDescriptor tenant, CancellationToken ct)
    {
        var pause = FirstPause;
        for (var attempt = 1; !ct.IsCancellationRequested; attempt++)
        {
            try
            {
                await _places.WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                if (await backends.WithStoreAsync(tenant.Id, store => PrepareOnceAsync(tenant, store, ct)))
                    log.LogInformation("Loaded demo data into tenant {Tenant}", tenant.Id);
                if (attempt > 1) log.LogInformation("Tenant {Tenant} prepared after {Attempts} attempts", tenant.Id, attempt);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogWarning("Tenant {Tenant} ({Provider}) could not be prepared (attempt {Attempt}, next in {Pause:0} s): {Problem}",
                    tenant.Id, tenant.ProviderKind, attempt, pause.TotalSeconds, e.Message);
            }
            finally
            {
                _places.Release();
            }
            try
            {
                await Task.Delay(pause, clock, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }
}
