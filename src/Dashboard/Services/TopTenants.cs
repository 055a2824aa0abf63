namespace Dashboard.Services;

/// <summary>
/// Which tenants an ops page shows: a search in tenant ids, a sort (one of the page's columns, or the tenant id)
/// and a page. The page holds every tenant's totals in memory, orders only those up to the page, and renders one page.
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
    /// ties by tenant id, so pages never overlap or skip), one page of them. An unknown sort is the first one. Only
    /// the tenants up to the asked page are ordered (a bounded heap), so the cost of a page of ten grows with the
    /// number of tenants, not with its logarithm times that.
    /// </summary>
    public static TopTenantsPage<T> Select<T>(IEnumerable<T> rows, Func<T, string> tenantOf, IReadOnlyList<TenantSort<T>> sorts, TopTenantsQuery query)
    {
        var size = query.PageSize == TopTenantsQuery.All ? TopTenantsQuery.All : Math.Clamp(query.PageSize, 1, TopTenantsQuery.MaxPageSize);
        var search = query.Search?.Trim();
        var byTenant = query.Sort == TopTenantsQuery.ByTenant;
        var figure = (sorts.FirstOrDefault(s => s.Key == query.Sort) ?? sorts[0]).Figure;
        // Each row's figure is read once (a cost estimate sums its lines), then compared as often as needed.
        var matching = new List<Ranked<T>>();
        foreach (var row in rows)
        {
            var id = tenantOf(row);
            if (string.IsNullOrEmpty(search) || id.Contains(search, StringComparison.OrdinalIgnoreCase))
                matching.Add(new Ranked<T>(row, id, byTenant ? 0 : figure(row)));
        }
        var sign = query.Ascending ? 1 : -1;
        Comparison<Ranked<T>> order = byTenant
            ? (a, b) => sign * string.CompareOrdinal(a.Id, b.Id)
            : (a, b) => a.Figure.CompareTo(b.Figure) is var c && c != 0 ? sign * c : string.CompareOrdinal(a.Id, b.Id);
        var pageCount = size == TopTenantsQuery.All ? 1 : Math.Max(1, (matching.Count + size - 1) / size);
        var page = Math.Clamp(query.Page, 0, pageCount - 1);
        var upTo = size == TopTenantsQuery.All ? matching.Count : (page + 1) * size;
        var shown = First(matching, order, upTo).Skip(size == TopTenantsQuery.All ? 0 : page * size).Select(r => r.Row).ToList();
        return new TopTenantsPage<T>(shown, matching.Count, page, pageCount);
    }

    private readonly record struct Ranked<T>(T Row, string Id, double Figure);

    /// <summary>
    /// The first <paramref name="count"/> rows in <paramref name="order"/>, sorted: a heap of at most that many whose
    /// top is the last of them, replaced whenever a row comes before it.
    /// </summary>
    internal static List<T> First<T>(IReadOnlyList<T> rows, Comparison<T> order, int count)
    {
        if (count >= rows.Count)
        {
            var all = new List<T>(rows);
            all.Sort(order);
            return all;
        }
        var heap = new PriorityQueue<T, T>(count, Comparer<T>.Create((a, b) => order(b, a)));
        foreach (var row in rows)
        {
            if (heap.Count < count) heap.Enqueue(row, row);
            else if (count > 0 && order(row, heap.Peek()) < 0) heap.EnqueueDequeue(row, row);
        }
        var first = new List<T>(heap.Count);
        while (heap.TryDequeue(out var row, out _)) first.Add(row);
        first.Reverse();
        return first;
    }
}
