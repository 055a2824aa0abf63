using Microsoft.Extensions.Hosting;

namespace Dashboard.Core.Tenants.Registry;

/// <summary>
/// Keeps <see cref="TenantRegistry"/> equal to the stored registry. At start (before requests are served) it seeds
/// the store from configuration and loads it; then every <see cref="TenantRegistryOptions.PollInterval"/> it reads
/// the store's change version (one row) and reloads only when it moved, so a change made on any instance is seen
/// on every other within seconds, without a restart.
/// </summary>
public sealed class TenantRegistrySync(
    TenantRegistry registry, ITenantRegistryStore store, IOptions<TenantsOptions> configured, IOptions<TenantRegistryOptions> options,
    TimeProvider clock, ILogger<TenantRegistrySync> log) : BackgroundService
{
    private readonly SemaphoreSlim _loading = new(1, 1);

    public override async Task StartAsync(CancellationToken ct)
    {
        var pinAll = options.Value.PinConfigTenants;
        await store.SeedAsync(configured.Value.Tenants
            .Select(t => new ConfiguredTenant(t.Key, t.Value, pinAll || t.Value.Pinned)).ToList(), clock.GetUtcNow(), ct);
        await RefreshAsync(ct);
        await base.StartAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await store.ChangeVersionAsync(stoppingToken) != registry.ChangeVersion) await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("The tenant registry could not be read; the current list stays until the next try: {Problem}", e.Message);
            }
        }
    }

    /// <summary>Reads the stored registry now and applies it (after this instance changed it, or when the version moved).</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await _loading.WaitAsync(ct);
        try
        {
            var snapshot = await store.LoadAsync(ct);
            registry.Replace(snapshot.Tenants.Select(Describe).ToList(), snapshot.ChangeVersion);
        }
        finally
        {
            _loading.Release();
        }
    }

    private TenantDescriptor Describe(TenantRecord r) =>
        new(r.Id, r.DisplayName, ProviderKind(r.Override?.Backend.Provider ?? r.Provider),
            new Dictionary<string, string?>(r.Override?.Backend.Settings ?? r.Settings, StringComparer.OrdinalIgnoreCase))
        {
            ReadOnlyReason = r.ReadOnlyReason,
            BackendOverride = r.Override?.Backend,
            Disabled = r.Disabled,
            Pinned = r.Pinned,
            Version = r.Version,
            UpdatedBy = r.UpdatedBy,
            UpdatedAt = r.UpdatedAt,
        };

    private string ProviderKind(string provider) => registry.FindProvider(provider)?.Kind ?? provider;
}
