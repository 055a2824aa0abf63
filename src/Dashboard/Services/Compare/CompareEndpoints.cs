using System.Text.Json;
using Dashboard.Access;
using Dashboard.Core.Export;
using Dashboard.Core.Paging;
using Dashboard.Operations.Compare;

namespace Dashboard.Services.Compare;

/// <summary><c>GET /ops/compare/{id}.csv</c> and <c>.json</c>: a kept comparison, for Ops, to set two runs side by side.</summary>
public static class CompareEndpoints
{
    public static string CsvUrl(string id) => $"/ops/compare/{Uri.EscapeDataString(id)}.csv";

    public static string JsonUrl(string id) => $"/ops/compare/{Uri.EscapeDataString(id)}.json";

    public static IEndpointRouteBuilder MapCompareExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ops/compare/{id}.csv", CsvAsync).RequireAuthorization(AccessPolicies.Ops);
        app.MapGet("/ops/compare/{id}.json", JsonAsync).RequireAuthorization(AccessPolicies.Ops);
        return app;
    }

    private static async Task CsvAsync(string id, HttpContext http, CompareService compare)
    {
        if (await compare.GetAsync(id, http.RequestAborted) is not { } run)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsync($"No comparison '{id}'.", http.RequestAborted);
            return;
        }
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"compare-{run.Id}.csv\"";
        http.Response.Headers.CacheControl = "no-store";
        await CsvStreamWriter.WriteAsync(http.Response.Body, CompareCsv.Columns, OnePage(CompareCsv.Rows(run)), null, http.RequestAborted);
    }

    private static async Task<IResult> JsonAsync(string id, HttpContext http, CompareService compare)
    {
        if (await compare.GetAsync(id, http.RequestAborted) is not { } run) return Results.NotFound($"No comparison '{id}'.");
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"compare-{run.Id}.json\"";
        http.Response.Headers.CacheControl = "no-store";
        return Results.Text(JsonSerializer.Serialize(run, CompareService.Json), "application/json; charset=utf-8");
    }

    private static async IAsyncEnumerable<Page<T>> OnePage<T>(IReadOnlyList<T> rows)
    {
        await Task.CompletedTask;
        yield return new Page<T>(rows, null);
    }
}
