using Dashboard.Access;
using Dashboard.Operations.Alerts;
using Dashboard.Operations.Prometheus;

namespace Dashboard.Services;

/// <summary><c>GET /ops/alerts/rules.yml</c> (Ops only): the alert rules in force (configuration, or Ops' stored edit) as Prometheus alerting rules, for Alertmanager.</summary>
public static class AlertRulesEndpoint
{
    public static IEndpointRouteBuilder MapAlertRules(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ops/alerts/rules.yml", async (AlertRules rules, IOptions<MetricsOptions> metrics, CancellationToken ct) =>
                Results.Text(PrometheusAlertRules.Yaml(await rules.CurrentAsync(ct), metrics.Value.PerTenantHistograms), "application/yaml"))
            .RequireAuthorization(AccessPolicies.Ops);
        return app;
    }
}
