using Dashboard.Operations.Queries;

namespace Dashboard.Services;

/// <summary>One tenant's throttle events, counted over its causes (and instances), with those rows kept together when paging.</summary>
public sealed record TenantThrottles(string Id, string Provider, long Retried, long Surfaced, IReadOnlyList<ThrottleCauseRow> Causes);

/// <summary>One provider's throttle events over the window, for the fleet-first table.</summary>
public sealed record ProviderThrottles(string Provider, int Tenants, long Retried, long Surfaced);

/// <summary>The throttling page's tables: the fleet by provider first, then the tenants, sortable by these figures.</summary>
public static class ThrottlingTable
{
    public static IReadOnlyList<TenantSort<TenantThrottles>> Sorts { get; } =
    [
        new("throttles", "Throttles", t => t.Retried + t.Surfaced),
        new("surfaced", "Surfaced", t => t.Surfaced),
        new("retried", "Retried", t => t.Retried),
    ];

    public static IReadOnlyList<ProviderThrottles> Providers(ThrottlingReport report) =>
        report.ByCause.GroupBy(r => r.Provider).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ProviderThrottles(g.Key, g.Select(r => r.Tenant).Distinct().Count(), g.Sum(r => r.Retried), g.Sum(r => r.Surfaced)))
            .ToList();

    public static IReadOnlyList<TenantThrottles> Tenants(ThrottlingReport report) =>
        report.ByCause.GroupBy(r => r.Tenant, StringComparer.Ordinal)
            .Select(g => new TenantThrottles(g.Key, g.First().Provider, g.Sum(r => r.Retried), g.Sum(r => r.Surfaced), g.ToList()))
            .ToList();

    /// <summary>A page of tenants as the cause table's rows.</summary>
    public static IReadOnlyList<ThrottleCauseRow> Rows(IEnumerable<TenantThrottles> tenants) => tenants.SelectMany(t => t.Causes).ToList();
}
