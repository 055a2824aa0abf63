using Dashboard.Core.Tenants.Health;

namespace Dashboard.Services;

/// <summary>Which tenants of the tenants page to show: a search in ids and names, a provider, a health state.</summary>
public sealed record TenantListQuery(string? Search = null, string? Provider = null, HealthFilter Health = HealthFilter.Any, int Page = 0, int PageSize = 25)
{
    public const int MaxPageSize = 100;
}

public enum HealthFilter { Any, Reachable, Unavailable, NotChecked }

/// <summary>One row: a tenant, its backend's product name, and its last probe (null: not checked yet).</summary>
public sealed record TenantRow(TenantDescriptor Tenant, string ProductName, TenantHealth? Health);

public sealed record TenantListPage(IReadOnlyList<TenantRow> Rows, int TotalMatching);

/// <summary>
/// The tenants page's data: the tenants the current person may see, filtered and paged here (in ordinal id
/// order, so pages never overlap or skip), with health from <see cref="TenantHealthCache"/>. Showing the page
/// never calls a backend.
/// </summary>
public sealed class TenantOverviewService(TenantRegistry registry, TenantHealthCache health, ICurrentPerson current)
{
    /// <summary>The provider kinds with their product names, for the filter.</summary>
    public IReadOnlyList<(string Kind, string ProductName)> Providers() =>
        registry.All.Select(t => t.ProviderKind).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(k => (k, registry.ProductNameOf(registry.All.First(t => t.ProviderKind == k))))
            .OrderBy(p => p.Item2, StringComparer.Ordinal).ToList();

    public TenantListPage Query(TenantListQuery query)
    {
        var size = Math.Clamp(query.PageSize, 1, TenantListQuery.MaxPageSize);
        var search = query.Search?.Trim();
        var matching = registry.All
            .Where(t => current.Person.CanRead(t.Id))
            .Where(t => string.IsNullOrEmpty(search)
                        || t.Id.Contains(search, StringComparison.OrdinalIgnoreCase)
                        || t.DisplayName.Contains(search, StringComparison.OrdinalIgnoreCase))
            .Where(t => string.IsNullOrEmpty(query.Provider) || string.Equals(t.ProviderKind, query.Provider, StringComparison.OrdinalIgnoreCase))
            .Select(t => (Tenant: t, Health: health.Find(t.Id)))
            .Where(t => Matches(query.Health, t.Health))
            .OrderBy(t => t.Tenant.Id, StringComparer.Ordinal)
            .ToList();
        var rows = matching.Skip(Math.Max(0, query.Page) * size).Take(size)
            .Select(t => new TenantRow(t.Tenant, registry.ProductNameOf(t.Tenant), t.Health)).ToList();
        return new TenantListPage(rows, matching.Count);
    }

    private static bool Matches(HealthFilter filter, TenantHealth? health) => filter switch
    {
        HealthFilter.Reachable => health is { Reachable: true },
        HealthFilter.Unavailable => health is { Reachable: false },
        HealthFilter.NotChecked => health is null,
        _ => true,
    };

    /// <summary>"12 s ago", "3 min ago": how old a probe result is, for people.</summary>
    public static string Age(TimeSpan age) =>
        age < TimeSpan.FromMinutes(1) ? $"{age.TotalSeconds:0} s ago"
        : age < TimeSpan.FromHours(1) ? $"{age.TotalMinutes:0} min ago"
        : $"{age.TotalHours:0.#} h ago";
}
