namespace Dashboard.Services;

/// <summary>
/// Which tenants an ops page shows: a search in tenant ids, a sort (one of the page's columns, or the tenant id)
/// and a page. The page holds every tenant's figures in memory but renders only one page of them.
/// </summary>
public sealed record TopTenantsQuery(string? Search = null, string? Sort = null, bool Ascending = false, int Page = 0, int PageSize = TopTenantsQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;

    /// <summary>Every matching tenant on one page: for exports, never for a page.</summary>
    public const int All = int.MaxValue;

    /// <summary>The sort that orders by tenant id rather than by a figure.</summary>
    public const string ByTenant = "tenant";
}

public sealed record TopTenantsPage<T>(IReadOnlyList<T> Rows, int TotalMatching, int Page, int PageCount);

/// <summary>A figure tenants can be sorted by on an ops page: its key in the URL, its label, and how to read it.</summary>
public sealed record TenantSort<T>(string Key, string Label, Func<T, double> Figure);

public static class TopTenants
{
    /// <summary>
    /// The matching tenants in the asked order (largest figure first unless <see cref="TopTenantsQuery.Ascending"/>;
    /// ties by tenant id, so pages never overlap or skip), one page of them. An unknown sort is the first one.
    /// </summary>
    public static TopTenantsPage<T> Select<T>(IEnumerable<T> rows, Func<T, string> tenantOf, IReadOnlyList<TenantSort<T>> sorts, TopTenantsQuery query)
    {
        var size = query.PageSize == TopTenantsQuery.All ? TopTenantsQuery.All : Math.Clamp(query.PageSize, 1, TopTenantsQuery.MaxPageSize);
        var search = query.Search?.Trim();
        var matching = string.IsNullOrEmpty(search) ? rows : rows.Where(r => tenantOf(r).Contains(search, StringComparison.OrdinalIgnoreCase));
        IOrderedEnumerable<T> ordered;
        if (query.Sort == TopTenantsQuery.ByTenant)
            ordered = query.Ascending
                ? matching.OrderBy(tenantOf, StringComparer.Ordinal)
                : matching.OrderByDescending(tenantOf, StringComparer.Ordinal);
        else
        {
            var sort = sorts.FirstOrDefault(s => s.Key == query.Sort) ?? sorts[0];
            ordered = (query.Ascending ? matching.OrderBy(sort.Figure) : matching.OrderByDescending(sort.Figure))
                .ThenBy(tenantOf, StringComparer.Ordinal);
        }
        var all = ordered.ToList();
        var pageCount = size == TopTenantsQuery.All ? 1 : Math.Max(1, (all.Count + size - 1) / size);
        var page = Math.Clamp(query.Page, 0, pageCount - 1);
        return new TopTenantsPage<T>(all.Skip(page * size).Take(size).ToList(), all.Count, page, pageCount);
    }
}
