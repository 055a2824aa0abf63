using Dashboard.Access;
using Dashboard.Core.Export;
using Microsoft.AspNetCore.Http.Features;

namespace Dashboard.Services.Export;

/// <summary>
/// <c>GET /t/{tenant}/export/users.csv?q=&amp;by=</c> and <c>/t/{tenant}/export/orders.csv?status=&amp;from=&amp;to=</c>:
/// the listing with the page's filter, streamed into the response as it is read (chunked, nothing buffered
/// whole). The person's own store applies the same grants as the page (viewers may export; no grant, no rows).
/// With <c>job=</c> (32 hex digits chosen by the page) the page can follow the rows and cancel. An export that
/// stops before its end (cancelled, backend failure) aborts the response, so the browser reports a failed
/// download instead of saving a file that looks complete.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/t/{tenant}/export/{list}.csv", ExportAsync).RequireAuthorization(AccessPolicies.Tenant);
        return app;
    }

    public static string Url(string tenant, ExportFilter filter, string job)
    {
        var query = filter.Describe();
        return $"/t/{Uri.EscapeDataString(tenant)}/export/{filter.List}.csv?{(query.Length == 0 ? "" : query + "&")}job={job}";
    }

    private static async Task ExportAsync(
        HttpContext http, string tenant, string list, ITenantStoreFactory stores, TenantRegistry registry, ICurrentPerson current,
        CsvExporter exporter, ExportJobs jobs, TimeProvider clock, ILoggerFactory logs)
    {
        var request = http.Request.Query;
        ExportFilter filter;
        switch (list)
        {
            case "users":
                filter = new UsersExportFilter(new UserQuery(
                    string.Equals(request["by"], "name", StringComparison.OrdinalIgnoreCase) ? UserSortField.Name : UserSortField.Email,
                    string.IsNullOrWhiteSpace(request["q"]) ? null : request["q"].ToString().Trim()));
                break;
            case "orders":
                var parsed = OrdersFilter.Parse(request["status"], request["from"], request["to"]);
                if (parsed.Problems.Count > 0)
                {
                    await PlainAsync(http, StatusCodes.Status400BadRequest, string.Join(" ", parsed.Problems));
                    return;
                }
                filter = new OrdersExportFilter(parsed.Query);
                break;
            default:
                await PlainAsync(http, StatusCodes.Status404NotFound, "There is no such export.");
                return;
        }

        var person = current.Person;
        ExportJob? job = null;
        if (!string.IsNullOrEmpty(request["job"]))
        {
            job = jobs.Start(request["job"].ToString(), person.Id);
            if (job is null)
            {
                await PlainAsync(http, StatusCodes.Status409Conflict, "This export link was already used; start the export again from the page.");
                return;
            }
        }

        ITenantStore store;
        try
        {
            store = stores.For(tenant);
            if (registry.Find(tenant) is null) throw new NotFoundException("Tenant", tenant);
        }
        catch (Exception e) when (e is ForbiddenException or NotFoundException or KeyNotFoundException)
        {
            job?.End(new ExportOutcome(ExportResult.Failed, 0, e), e is ForbiddenException ? e.Message : $"There is no tenant named {tenant}.", clock.GetUtcNow());
            await PlainAsync(http, e is ForbiddenException ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound,
                e is ForbiddenException ? e.Message : $"There is no tenant named {tenant}.");
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, job?.CancellationToken ?? CancellationToken.None);
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{filter.FileName(tenant, clock.GetUtcNow())}\"";
        http.Response.Headers.CacheControl = "no-store";
        var outcome = await exporter.ExportAsync(store, person, filter, http.Response.Body, rows => job?.Report(rows), stop.Token);
        var problem = outcome.Error is null ? null : StoreErrorText.Describe(outcome.Error, registry.Find(tenant), registry.Find(tenant) is { } d ? registry.ProductNameOf(d) : null);
        job?.End(outcome, problem, clock.GetUtcNow());
        if (outcome.Completed) return;
        if (outcome.Error is not null && outcome.Error is not StoreException)
            logs.CreateLogger(typeof(ExportEndpoints)).LogError(outcome.Error, "Export of {List} in tenant {Tenant} failed", list, tenant);
        if (!http.Response.HasStarted && outcome.Result == ExportResult.Failed)
        {
            // Nothing was sent yet (the first page failed): a plain answer the browser can show.
            http.Response.Headers.ContentDisposition = default;
            await PlainAsync(http, outcome.Error is ValidationException ? StatusCodes.Status400BadRequest : StatusCodes.Status503ServiceUnavailable, problem ?? "The export failed.");
            return;
        }
        http.Abort();
    }

    private static Task PlainAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(message);
    }
}
