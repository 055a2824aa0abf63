using Dashboard.Components.Shared;
using System.Net;
using Dashboard.Operations.Metering;
using Dashboard.Operations;
using Dashboard.Operations.Load;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry.Metrics;

namespace Dashboard;

/// <summary>The host's side of metering: the Operations services, the OpenTelemetry meter provider and /metrics.</summary>
public static class MeteringHostExtensions
{
    public static WebApplicationBuilder AddDashboardMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddDashboardOperations(builder.Configuration);
        var seriesLimit = builder.Configuration.GetValue<int?>("Metrics:MaxSeriesPerInstrument") ?? DefaultMaxSeriesPerInstrument;
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(StoreMetrics.MeterName)
            .AddView(instrument => StreamFor(instrument, seriesLimit))
            // .NET's own: GC heap, CPU time, working set, thread pool (dotnet_* in Prometheus), per instance.
            .AddMeter("System.Runtime")
            .AddPrometheusExporter());
        // Makes each circuit's ActionUsage current for the store calls its clicks and navigations make.
        builder.Services.AddScoped<CircuitHandler, ActionCostCircuitHandler>();
        return builder;
    }

    /// <summary>
    /// Label sets each store instrument may hold. OpenTelemetry's default is 2,000, past which new label sets are
    /// folded into one overflow series: with thousands of tenants the per-tenant counters would silently lose
    /// tenants. 50,000 covers 10,000 tenants × the outcomes or units they use; the exporter sets the memory aside.
    /// </summary>
    public const int DefaultMaxSeriesPerInstrument = 50_000;

    private static MetricStreamConfiguration? StreamFor(System.Diagnostics.Metrics.Instrument instrument, int limit)
    {
        if (instrument.Meter.Name != StoreMetrics.MeterName) return null;
        // The histogram keeps its bucket bounds: a view replaces the instrument's advice.
        return instrument.Name == "db.client.operation.duration"
            ? new ExplicitBucketHistogramConfiguration { Boundaries = StoreMetrics.Buckets, CardinalityLimit = limit }
            : new MetricStreamConfiguration { CardinalityLimit = limit };
    }

    /// <summary>Prometheus text format at /metrics (scrape it; the ops pages read it back from Prometheus with Metrics:Source=Prometheus).</summary>
    public static WebApplication MapDashboardMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        // Development only, from this machine only: the load tool's --via runs its mix inside the app, so the
        // ops pages (this process's rolling store, or Prometheus after its next scrape) show it moving. The loopback check below stands
        // in for sign-in, which a command-line tool cannot do.
        if (app.Environment.IsDevelopment()) app.MapPost("/ops/load", RunLoadAsync).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Runs the load tool's mix in this process. Answers are JSON: the run's figures, or a problem (RFC 9457)
    /// that says what was wrong — 400 for a bad parameter or unknown tenant, 503 when the tenant's backend is
    /// down or throttles throughout sampling, 409 when the tenant has no data to load — never a stack trace.
    /// </summary>
    private static async Task<IResult> RunLoadAsync(string? tenant, string? rps, string? seconds, HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } ip || !IPAddress.IsLoopback(ip))
            return TypedResults.Problem("Load runs are only accepted from this machine.", statusCode: StatusCodes.Status403Forbidden);
        int? rate = int.TryParse(rps, out var r) ? r : null, duration = int.TryParse(seconds, out var s) ? s : null;
        if (string.IsNullOrWhiteSpace(tenant)) return BadRequest("tenant is required");
        if (LoadLimits.Problem(rate, duration) is { } problem) return BadRequest(problem);
        var services = context.RequestServices;
        if (services.GetRequiredService<TenantRegistry>().Find(tenant) is null) return BadRequest($"no tenant '{tenant}'");

        LoadSummary summary;
        try
        {
            var clock = services.GetRequiredService<TimeProvider>();
            summary = await new LoadGenerator(LoadTarget.For(services, tenant), clock)
                .RunAsync(new LoadPlan(tenant, rate!.Value, TimeSpan.FromSeconds(duration!.Value)), context.RequestAborted);
        }
        catch (LoadNotStartedException e)
        {
            return e.BackendFailed
                ? TypedResults.Problem(e.Message, title: "Backend unavailable", statusCode: StatusCodes.Status503ServiceUnavailable)
                : TypedResults.Problem(e.Message, title: "Nothing to load", statusCode: StatusCodes.Status409Conflict);
        }
        return Results.Json(new
        {
            summary.Started,
            summary.Skipped,
            summary.Completed,
            AchievedRate = Math.Round(summary.AchievedRate, 1),
            ByOutcome = summary.ByOutcome.ToDictionary(o => StoreOutcomes.Name(o.Key), o => o.Value),
        });
    }

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, title: "Bad load request", statusCode: StatusCodes.Status400BadRequest);
}
