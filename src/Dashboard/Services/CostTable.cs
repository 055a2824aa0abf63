using Dashboard.Core.Tenants;
using Dashboard.Operations.Costs;

namespace Dashboard.Services;

/// <summary>The cost page's tables: the fleet by provider first, then the tenants' estimates, sortable by these figures.</summary>
public static class CostTable
{
    public static IReadOnlyList<TenantSort<TenantCost>> Sorts { get; } =
    [
        new("month", "Per month", t => (double)t.MonthUsd),
        new("window", "This window", t => (double)t.WindowUsd),
    ];

    public static IReadOnlyList<TenantCost> Tenants(CostReport report) => report.Providers.SelectMany(p => p.Tenants).ToList();

    /// <summary>
    /// Asks for the storage size of the tenants on screen only (in the background, when stale): the report itself
    /// uses the sizes already known, so a page of 10 tenants never opens the stores of the other thousands.
    /// </summary>
    public static void RefreshStorage(IEnumerable<TenantCost> shown, StorageSizes storage, TenantRegistry registry)
    {
        foreach (var cost in shown)
            if (registry.Find(cost.Tenant) is { } tenant) storage.LastKnown(tenant);
    }
}
