using System.Collections.Concurrent;

namespace Dashboard.Core.Tenants.Health;

/// <summary>
/// Each tenant's last probe result. Written only by <see cref="TenantHealthProber"/>; read by /healthz and the
/// tenants page, which therefore never call a backend themselves.
/// </summary>
public sealed class TenantHealthCache(TenantRegistry registry)
{
    private readonly ConcurrentDictionary<string, TenantHealth> _byTenant = new(StringComparer.Ordinal);

    public TenantHealth? Find(string tenantId) => _byTenant.GetValueOrDefault(tenantId);

    /// <summary>
    /// Raised after each probe result is recorded or an entry dropped, on the prober's thread. Pages listening
    /// coalesce it: at 10,000 tenants it fires up to the prober's probes per second.
    /// </summary>
    public event Action? Changed;

    public void Record(TenantHealth health)
    {
        _byTenant[health.TenantId] = health;
        Changed?.Invoke();
    }

    /// <summary>Drops a tenant's entry (a tenant removed from the registry).</summary>
    public void Forget(string tenantId)
    {
        if (_byTenant.TryRemove(tenantId, out _)) Changed?.Invoke();
    }

    /// <summary>
    /// Counts over the registry's tenants (a cached entry of a tenant no longer registered is not counted); disabled
    /// tenants are counted apart, never as unavailable: they refuse calls by an operator's choice, not a backend's.
    /// </summary>
    public TenantHealthCounts Counts()
    {
        int reachable = 0, unavailable = 0, notChecked = 0, disabled = 0;
        foreach (var tenant in registry.All)
        {
            if (tenant.Disabled)
            {
                disabled++;
                continue;
            }
            switch (Find(tenant.Id))
            {
                case null: notChecked++; break;
                case { Reachable: true }: reachable++; break;
                default: unavailable++; break;
            }
        }
        return new TenantHealthCounts(registry.All.Count, reachable, unavailable, notChecked, disabled);
    }

    /// <summary>The tenants whose last check failed, longest-failing first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<TenantHealth> Unavailable(int limit) =>
        registry.All.Where(t => !t.Disabled).Select(t => Find(t.Id)).OfType<TenantHealth>().Where(h => !h.Reachable)
            .OrderByDescending(h => h.Failures).ThenBy(h => h.TenantId, StringComparer.Ordinal).Take(limit).ToList();
}
