using Dashboard.Components.Shared;
using Dashboard.Core.Metering;
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
        return app;
    }
}
