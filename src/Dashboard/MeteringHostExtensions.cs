using Dashboard.Components.Shared;
using System.Net;
using Dashboard.Core.Metering;
using Dashboard.Core.Metering.Load;
using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry.Metrics;

namespace Dashboard;

/// <summary>The host's side of metering: Core's services, the OpenTelemetry meter provider and /metrics.</summary>
public static class MeteringHostExtensions
{
    public static WebApplicationBuilder AddDashboardMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddDashboardMetering(builder.Configuration);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(StoreMetrics.MeterName)
            .AddPrometheusExporter());
        // Makes each circuit's ActionUsage current for the store calls its clicks and navigations make.
        builder.Services.AddScoped<CircuitHandler, ActionCostCircuitHandler>();
        return builder;
    }

    /// <summary>Prometheus text format at /metrics (scrape it; the ops pages read the in-process store instead).</summary>
    public static WebApplication MapDashboardMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        // Development only, from this machine only: the load tool's --via runs its mix inside the app, so the
        // ops pages (which read this process's rolling store) show it moving. The loopback check below stands
        // in for sign-in, which a command-line tool cannot do.
        if (app.Environment.IsDevelopment()) app.MapPost("/ops/load", RunLoadAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> RunLoadAsync(string tenant, int rps, int seconds, HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } ip || !IPAddress.IsLoopback(ip)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        if (rps is < 1 or > 5000 || seconds is < 1 or > 3600) return Results.BadRequest("rps must be 1..5000 and seconds 1..3600");
        var target = LoadTarget.For(context.RequestServices, tenant);
        var summary = await new LoadGenerator(target).RunAsync(new LoadPlan(tenant, rps, TimeSpan.FromSeconds(seconds)), context.RequestAborted);
        return Results.Json(new
        {
            summary.Started,
            summary.Skipped,
            summary.Completed,
            AchievedRate = Math.Round(summary.AchievedRate, 1),
            ByOutcome = summary.ByOutcome.ToDictionary(o => StoreOutcomes.Name(o.Key), o => o.Value),
        });
    }
}
