using Dashboard.Operations.Queries;

namespace Dashboard.Services.Export;

/// <summary>Links to an ops page's full tenant list as CSV, with the page's window, tenant, search and sort.</summary>
public static class OpsExportUrls
{
    public static string Throughput(OpsWindow window, string? tenant, TopTenantsQuery query) => Url("throughput", window, tenant, query);

    public static string Throttling(OpsWindow window, string? tenant, TopTenantsQuery query) => Url("throttling", window, tenant, query);

    public static string Cost(OpsWindow window, TopTenantsQuery query) => Url("cost", window, null, query);

    private static string Url(string report, OpsWindow window, string? tenant, TopTenantsQuery query)
    {
        var parts = new List<string> { "window=" + window.Key };
        if (!string.IsNullOrEmpty(tenant)) parts.Add("tenant=" + Uri.EscapeDataString(tenant));
        if (!string.IsNullOrWhiteSpace(query.Search)) parts.Add("q=" + Uri.EscapeDataString(query.Search.Trim()));
        if (query.Sort is not null) parts.Add("sort=" + Uri.EscapeDataString(query.Sort));
        if (query.Ascending) parts.Add("asc=true");
        return $"/ops/export/{report}.csv?{string.Join('&', parts)}";
    }

    /// <summary>The search and sort of an export request; every matching tenant, on one page.</summary>
    public static TopTenantsQuery Parse(IQueryCollection query) => new(
        string.IsNullOrWhiteSpace(query["q"]) ? null : query["q"].ToString(),
        string.IsNullOrWhiteSpace(query["sort"]) ? null : query["sort"].ToString(),
        bool.TryParse(query["asc"], out var ascending) && ascending,
        Page: 0, PageSize: TopTenantsQuery.All);
}
