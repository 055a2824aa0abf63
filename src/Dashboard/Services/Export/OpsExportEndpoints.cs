using System.Globalization;
using Dashboard.Access;
using Dashboard.Core.Export;
using Dashboard.Core.Paging;
using Dashboard.Operations.Costs;
using Dashboard.Operations.Queries;

namespace Dashboard.Services.Export;

/// <summary>
/// <c>GET /ops/export/{throughput|throttling|cost}.csv?window=&amp;tenant=&amp;q=&amp;sort=&amp;asc=</c>: every tenant an
/// ops page would list for that search, in its order, where the page shows one page of them. Ops only. Written
/// with the same CSV writer as the list exports (UTF-8 with BOM, RFC 4180, formulas neutralised).
/// </summary>
public static class OpsExportEndpoints
{
    public static IEndpointRouteBuilder MapOpsExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ops/export/throughput.csv", ThroughputAsync).RequireAuthorization(AccessPolicies.Ops);
        app.MapGet("/ops/export/throttling.csv", ThrottlingAsync).RequireAuthorization(AccessPolicies.Ops);
        app.MapGet("/ops/export/cost.csv", CostAsync).RequireAuthorization(AccessPolicies.Ops);
        return app;
    }

    private static async Task ThroughputAsync(HttpContext http, IThroughputSource source, TimeProvider clock)
    {
        var window = OpsWindow.Parse(http.Request.Query["window"]);
        var report = await source.BuildAsync(window, Tenant(http), http.RequestAborted);
        var tenants = TopTenants.Select(ThroughputTable.Tenants(report), t => t.Id, ThroughputTable.Sorts, OpsExportUrls.Parse(http.Request.Query));
        await WriteAsync(http, "throughput", window, clock, OpsExportColumns.Throughput, ThroughputTable.Rows(report, tenants.Rows));
    }

    private static async Task ThrottlingAsync(HttpContext http, IThrottlingSource source, TimeProvider clock)
    {
        var window = OpsWindow.Parse(http.Request.Query["window"]);
        var report = await source.BuildAsync(window, Tenant(http), http.RequestAborted);
        var tenants = TopTenants.Select(ThrottlingTable.Tenants(report), t => t.Id, ThrottlingTable.Sorts, OpsExportUrls.Parse(http.Request.Query));
        await WriteAsync(http, "throttling", window, clock, OpsExportColumns.Throttling, ThrottlingTable.Rows(tenants.Rows));
    }

    private static async Task CostAsync(HttpContext http, ICostSource source, TimeProvider clock)
    {
        var window = OpsWindow.Parse(http.Request.Query["window"]);
        var report = await source.BuildAsync(window, http.RequestAborted);
        var tenants = TopTenants.Select(CostTable.Tenants(report), t => t.Tenant, CostTable.Sorts, OpsExportUrls.Parse(http.Request.Query));
        await WriteAsync(http, "cost", window, clock, OpsExportColumns.Cost, tenants.Rows.SelectMany(t => t.Lines.Select(l => (t, l))).ToList());
    }

    private static string? Tenant(HttpContext http) =>
        string.IsNullOrWhiteSpace(http.Request.Query["tenant"]) ? null : http.Request.Query["tenant"].ToString();

    private static async Task WriteAsync<T>(HttpContext http, string report, OpsWindow window, TimeProvider clock, IReadOnlyList<CsvColumn<T>> columns, IReadOnlyList<T> rows)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        var stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{report}-{window.Key}-{stamp}.csv\"";
        http.Response.Headers.CacheControl = "no-store";
        await CsvStreamWriter.WriteAsync(http.Response.Body, columns, OnePage(rows), null, http.RequestAborted);
    }

    private static async IAsyncEnumerable<Page<T>> OnePage<T>(IReadOnlyList<T> rows)
    {
        await Task.CompletedTask;
        yield return new Page<T>(rows, null);
    }
}
