using System.Diagnostics;
using Dashboard.Operations.Alerts;

namespace Dashboard.Tests.Alerts;

/// <summary>
/// The exported rules checked and run by Prometheus's own <c>promtool</c> (installed with Prometheus by the
/// scripts): the file is valid, and over recorded series the rules fire for the tenant over its threshold only.
/// </summary>
public sealed class PrometheusAlertRulesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dashboard-rules-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_default_rules_are_valid_Prometheus_rules_and_a_rule_turned_off_is_left_out()
    {
        var options = new AlertsOptions();
        var check = await PromtoolAsync("check", "rules", Write("rules.yml", PrometheusAlertRules.Yaml(options, perTenantHistograms: false)));
        Assert.Contains("SUCCESS: 5 rules found", check);

        options.Throttling.SurfacedAbove = null;
        options.UnitsSpike.Factor = null;
        options.Latency.OperationP95MsAbove["list_orders"] = 250;
        var yaml = PrometheusAlertRules.Yaml(options, perTenantHistograms: true);
        Assert.DoesNotContain("DashboardSurfacedThrottles", yaml);
        Assert.Contains("db_operation_name=\"list_orders\"", yaml);
        Assert.Contains("sum by (dashboard_provider, dashboard_tenant, db_operation_name, le)", yaml);
        var second = await PromtoolAsync("check", "rules", Write("rules.yml", yaml));
        Assert.True(second.Contains("SUCCESS: 4 rules found"), second);
    }

    [Fact]
    public async Task Over_recorded_series_the_throttling_and_error_rate_rules_fire_for_the_tenant_over_its_threshold_only()
    {
        Write("rules.yml", PrometheusAlertRules.Yaml(new AlertsOptions(), perTenantHistograms: false));
        // acme: 5 surfaced throttles a minute (25 in 5 min, over 10) and 2 failed calls in 20 (10 %, over 5 %); globex stays under both.
        var tests = Write("tests.yml", """
            rule_files: [rules.yml]
            evaluation_interval: 15s
            tests:
              - interval: 1m
                input_series:
                  - series: 'dashboard_store_throttles_total{dashboard_tenant="acme",dashboard_throttle_retried="false"}'
                    values: '0+5x20'
                  - series: 'dashboard_store_throttles_total{dashboard_tenant="globex",dashboard_throttle_retried="false"}'
                    values: '0+1x20'
                  - series: 'dashboard_store_operations_total{dashboard_tenant="acme",dashboard_outcome="ok"}'
                    values: '0+18x20'
                  - series: 'dashboard_store_operations_total{dashboard_tenant="acme",dashboard_outcome="unavailable"}'
                    values: '0+2x20'
                  - series: 'dashboard_store_operations_total{dashboard_tenant="globex",dashboard_outcome="ok"}'
                    values: '0+20x20'
                  - series: 'dashboard_store_operations_total{dashboard_tenant="globex",dashboard_outcome="not-found"}'
                    values: '0+5x20'
                alert_rule_test:
                  - eval_time: 10m
                    alertname: DashboardSurfacedThrottles
                    exp_alerts:
                      - exp_labels: {dashboard_tenant: acme, source: dashboard, rule: SurfacedThrottles}
                        exp_annotations: {summary: 'Tenant acme: 25 surfaced throttles in 5m (above 10)'}
                  - eval_time: 10m
                    alertname: DashboardErrorRate
                    exp_alerts:
                      - exp_labels: {dashboard_tenant: acme, source: dashboard, rule: ErrorRate}
                        exp_annotations: {summary: 'Tenant acme: 10 % of calls failed in 5m (above 5 %)'}
            """);

        Assert.Contains("SUCCESS", await PromtoolAsync("test", "rules", tests));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<string> PromtoolAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("promtool") { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var errors = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        var text = await output + await errors;
        // promtool reports lint problems (duplicate rules) with exit code 0: they fail here too.
        Assert.True(process.ExitCode == 0 && !text.Contains("FAILED", StringComparison.Ordinal), text);
        return text;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
