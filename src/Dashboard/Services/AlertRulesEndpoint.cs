using Dashboard.Access;
using Dashboard.Operations.Alerts;
using Dashboard.Operations.Prometheus;

namespace Dashboard.Services;

/// <summary><c>GET /ops/alerts/rules.yml</c> (Ops only): the Alerts settings as Prometheus alerting rules, for Alertmanager.</summary>
public static class AlertRulesEndpoint
{
    public static IEndpointRouteBuilder MapAlertRules(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ops/alerts/rules.yml", (IOptions<AlertsOptions> alerts, IOptions<MetricsOptions> metrics) =>
                Results.Text(PrometheusAlertRules.Yaml(alerts.Value, metrics.Value.PerTenantHistograms), "application/yaml"))
            .RequireAuthorization(AccessPolicies.Ops);
        return app;
    }
}
