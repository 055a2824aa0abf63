using System.Text.Json;
using Dashboard.Access;
using Dashboard.Cluster;
using Dashboard.Components;
using Dashboard.Core;
using Dashboard.Providers.DynamoDb;
using Dashboard.Providers.Fauna;
using Dashboard.Providers.Sql;
using Dashboard.Services;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MudBlazor.Services;

namespace Dashboard;

/// <summary>The host's wiring: each project adds its own services; this composes them.</summary>
public static class DashboardHostExtensions
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddTenantBackends(builder.Configuration);
        builder.Services.AddDashboardUi();
        builder.AddDashboardMetrics();
        builder.AddDashboardAccess();
        builder.Services.AddHealthChecks().AddCheck<TenantBackendsHealthCheck>("tenants");
        builder.AddDashboardCluster();
        // The only caller of tenants' pings for health: /healthz and the tenants page read what it cached.
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Core.Tenants.Health.TenantHealthProber>());
        return builder;
    }

    /// <summary>The tenant registry, the store factory and every provider: what any process needs to reach tenants' data.</summary>
    public static IServiceCollection AddTenantBackends(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDashboardCore(configuration);
        services.AddSqlProviders();
        services.AddDynamoDbProvider();
        services.AddFaunaProvider();
        // Every write through the store factory is audited in the app store.
        services.AddAppStore(configuration);
        return services;
    }

    public static IServiceCollection AddDashboardUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddLeanJsInteropContracts();
        services.AddMudServices();
        services.AddPageServices();
        return services;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        // A server error shows the error page with its request id, in every environment (Development adds the
        // exception's type and message there); the stack trace stays in the log.
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        // A bodyless error response (404, 400, 405, 429, ...) shows a page saying what happened, with its status kept.
        // The page is requested with GET whatever the method was (see StatusPageReExecution).
        app.UseStatusPageReExecute("/status");
        app.UseDashboardAccess();
        app.UseAntiforgery();
        // The login page needs the scripts and styles too; nothing in them is private.
        app.MapStaticAssets().AllowAnonymous();
        app.MapDashboardSignIn();
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status200OK },
            ResponseWriter = WriteHealthAsync,
        }).AllowAnonymous(); // liveness for load balancers and scripts; details only for Ops (below)
        app.MapDashboardMetrics();
        Services.Export.ExportEndpoints.MapExports(app);
        Services.Export.OpsExportEndpoints.MapOpsExports(app);
        Services.Compare.CompareEndpoints.MapCompareExports(app);
        app.MapAlertRules();
        // frame-ancestors is in the app's own CSP ('none'); Blazor's default second header ('self') is not needed.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        // Anyone: the status and the fleet's counts. Which tenants exist, and which are down, is for Ops.
        var counts = report.Entries.TryGetValue("tenants", out var tenants)
            ? CountsOnly.ToDictionary(k => k, k => tenants.Data.GetValueOrDefault(k))
            : null;
        if (!DashboardClaims.PersonOf(context.User).IsOps)
            return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString(), tenants = counts }));
        var body = new
        {
            status = report.Status.ToString(),
            tenants = counts,
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description, e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private static readonly string[] CountsOnly = ["total", "reachable", "unavailable", "notChecked", "preparing"];
}
