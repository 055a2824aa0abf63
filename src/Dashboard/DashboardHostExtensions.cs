using System.Text.Json;
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
        builder.Services.AddHealthChecks().AddCheck<TenantBackendsHealthCheck>("tenants");
        return builder;
    }

    /// <summary>The tenant registry, the store factory and every provider: what any process needs to reach tenants' data.</summary>
    public static IServiceCollection AddTenantBackends(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDashboardCore(configuration);
        services.AddSqlProviders();
        services.AddDynamoDbProvider();
        services.AddFaunaProvider();
        return services;
    }

    public static IServiceCollection AddDashboardUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSingleton<TenantOverviewService>();
        services.AddScoped<ThemePreference>();
        return services;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/not-found", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status200OK },
            ResponseWriter = WriteHealthAsync,
        });
        app.MapDashboardMetrics();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description, e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
