using Microsoft.AspNetCore.Diagnostics;

namespace Dashboard;

/// <summary>
/// UseStatusCodePagesWithReExecute, but the status page is requested with GET. The framework's version repeats
/// the original method, so a 405 (a DELETE or PUT to a page) re-executed as that method is refused again and
/// the person gets an empty page. Otherwise the same: path and query swapped, endpoint and route values cleared,
/// <see cref="IStatusCodeReExecuteFeature"/> set, a fresh service scope, everything restored afterwards.
/// </summary>
public static class StatusPageReExecution
{
    public static IApplicationBuilder UseStatusPageReExecute(this IApplicationBuilder app, string path)
    {
        return app.Use(next =>
        {
            // The re-executed request is routed again over the app's endpoints, as the framework does: a new
            // builder does not inherit the app's route builder, so it is handed over under the framework's key.
            var branch = app.New();
            if (app.Properties.TryGetValue(GlobalRouteBuilderKey, out var routes)) branch.Properties[GlobalRouteBuilderKey] = routes;
            branch.UseRouting();
            branch.Run(next);
            var reExecute = branch.Build();
            var options = new StatusCodePagesOptions { HandleAsync = context => ReExecuteAsync(context.HttpContext, new PathString(path), reExecute) };
            return new StatusCodePagesMiddleware(next, Options.Create(options)).Invoke;
        });
    }

    private const string GlobalRouteBuilderKey = "__GlobalEndpointRouteBuilder";

    private static async Task ReExecuteAsync(HttpContext context, PathString statusPath, RequestDelegate reExecute)
    {
        var request = context.Request;
        var (method, path, query, services) = (request.Method, request.Path, request.QueryString, context.RequestServices);
        var routeValues = context.Features.Get<Microsoft.AspNetCore.Http.Features.IRouteValuesFeature>();
        context.Features.Set<IStatusCodeReExecuteFeature>(new ReExecuted
        {
            OriginalPath = path,
            OriginalPathBase = request.PathBase,
            OriginalQueryString = query.HasValue ? query.Value : null,
            OriginalStatusCode = context.Response.StatusCode,
            Endpoint = context.GetEndpoint(),
            RouteValues = routeValues?.RouteValues is { } values ? new(values) : null,
        });
        context.SetEndpoint(null);
        routeValues?.RouteValues?.Clear();
        request.Path = statusPath;
        request.QueryString = QueryString.Empty;
        if (!HttpMethods.IsHead(method)) request.Method = HttpMethods.Get;
        try
        {
            await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            context.RequestServices = scope.ServiceProvider;
            await reExecute(context);
        }
        finally
        {
            (request.Method, request.Path, request.QueryString, context.RequestServices) = (method, path, query, services);
            context.Features.Set<IStatusCodeReExecuteFeature?>(null);
        }
    }

    private sealed class ReExecuted : IStatusCodeReExecuteFeature
    {
        public string OriginalPathBase { get; set; } = "";
        public string OriginalPath { get; set; } = "";
        public string? OriginalQueryString { get; set; }
        public int OriginalStatusCode { get; init; }
        public Endpoint? Endpoint { get; init; }
        public RouteValueDictionary? RouteValues { get; init; }
    }
}
