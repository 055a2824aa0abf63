using System.Globalization;
using System.Text;
using Dashboard.Operations.Metering;
using Dashboard.Operations.Prometheus;
using static Dashboard.Operations.Prometheus.FleetMetrics;

namespace Dashboard.Operations.Alerts;

/// <summary>
/// The <c>Alerts</c> rules as Prometheus alerting rules (<c>GET /ops/alerts/rules.yml</c>), for teams that already
/// route alerts through Alertmanager. Same thresholds, windows and minimums, over the series /metrics exports; the
/// hold before resolving becomes <c>keep_firing_for</c>. Two rules have no PromQL form and stay the dashboard's:
/// the budget (it needs the price sheet per unit) and "unavailable for S s" (the prober's state is not a series).
/// The units spike's same-hour median is taken over the hour before now on each previous day (a sliding hour, where the
/// dashboard's baseline uses whole clock hours).
/// Latency is per provider and operation unless <c>Metrics:PerTenantHistograms</c> puts the tenant on the histogram.
/// </summary>
public static class PrometheusAlertRules
{
    public const string GroupName = "dashboard-alerts";

    public static string Yaml(AlertsOptions alerts, bool perTenantHistograms)
    {
        var rules = new List<Rule>();
        var t = alerts.Throttling;
        var throttleWindow = Window(t.WindowMinutes);
        var calls = $"sum by ({Tenant}) (increase({TenantCalls}[{throttleWindow}]))";
        var retried = $"sum by ({Tenant}) (increase({Throttles}{{{Retried}=\"true\"}}[{throttleWindow}]))";
        if (t.SurfacedAbove is { } surfaced)
            rules.Add(new(AlertRuleKind.SurfacedThrottles,
                $"sum by ({Tenant}) (increase({Throttles}{{{Retried}=\"false\"}}[{throttleWindow}])) > {surfaced}",
                $"Tenant {{{{ $labels.{Tenant} }}}}: {{{{ $value | humanize }}}} surfaced throttles in {throttleWindow} (above {surfaced})"));
        if (t.RetriedSharePercentAbove is { } share)
            rules.Add(new(AlertRuleKind.RetriedThrottleShare,
                $"100 * {retried} / ({calls} + {retried}) > {Number(share)} and on ({Tenant}) ({calls} + {retried}) >= {t.MinAttempts}",
                $"Tenant {{{{ $labels.{Tenant} }}}}: {{{{ $value | humanize }}}} % of attempts retried after a throttle in {throttleWindow} (above {Number(share)} %)"));

        var h = alerts.Health;
        if (h.ErrorRatePercentAbove is { } errorRate)
        {
            var window = Window(h.WindowMinutes);
            var failures = string.Join('|', StoreOutcomes.All.Where(StoreOutcomes.IsFailure).Select(StoreOutcomes.Name));
            var all = $"sum by ({Tenant}) (increase({TenantCalls}[{window}]))";
            rules.Add(new(AlertRuleKind.ErrorRate,
                $"100 * sum by ({Tenant}) (increase({TenantCalls}{{{Outcome}=~\"{failures}\"}}[{window}])) / {all} > {Number(errorRate)} and on ({Tenant}) {all} >= {h.MinCalls}",
                $"Tenant {{{{ $labels.{Tenant} }}}}: {{{{ $value | humanize }}}} % of calls failed in {window} (above {Number(errorRate)} %)"));
        }

        var l = alerts.Latency;
        var by = perTenantHistograms ? $"{Provider}, {Tenant}, {Operation}" : $"{Provider}, {Operation}";
        var own = l.OperationP95MsAbove.Keys.Order(StringComparer.Ordinal).ToList();
        if (l.P95MsAbove is { } p95)
            rules.Add(Latency(l, by, $"{Operation}!~\"{string.Join('|', own.Prepend(MaintenanceOperations))}\"", p95, threshold: "default"));
        foreach (var operation in own)
            rules.Add(Latency(l, by, $"{Operation}=\"{operation}\"", l.OperationP95MsAbove[operation], threshold: operation));

        var u = alerts.UnitsSpike;
        if (u.Factor is { } factor)
        {
            // The same hour on each of the previous days (the hour before now, a day apart), one series per day, so
            // quantile() takes their median per tenant and count() how many days have a figure.
            var perMinute = $"sum by ({Tenant}) (increase({Usage}[1m]))";
            var days = string.Join(" or ", Enumerable.Range(1, UnitsBaseline.Days).Select(d =>
                $"label_replace(sum by ({Tenant}) (increase({Usage}[1h] offset {d}d)) / 60, \"baseline_day\", \"{d}\", \"\", \"\")"));
            rules.Add(new(AlertRuleKind.UnitsSpike,
                $"{perMinute} > {Number(factor)} * quantile by ({Tenant}) (0.5, {days}) and {perMinute} >= {Number(u.MinUnitsPerMinute)}" +
                $" and on ({Tenant}) count by ({Tenant}) ({days}) >= {u.MinBaselineDays}",
                $"Tenant {{{{ $labels.{Tenant} }}}}: {{{{ $value | humanize }}}} units in a minute, above {Number(factor)} × the median of the same hour over the previous {UnitsBaseline.Days} days"));
        }
        return Render(alerts, rules);
    }

    /// <param name="threshold">Which threshold the rule carries ("default" or the operation's own): one rule each, told apart by this label.</param>
    private static Rule Latency(LatencyRuleOptions l, string by, string operations, double thresholdMs, string threshold)
    {
        var window = Window(l.WindowMinutes);
        return new(AlertRuleKind.LatencyP95,
            $"1000 * histogram_quantile(0.95, sum by ({by}, {Le}) (rate({CallsBucket}{{{operations}}}[{window}]))) > {Number(thresholdMs)}" +
            $" and on ({by}) sum by ({by}) (increase({Calls}{{{operations}}}[{window}])) >= {l.MinCalls}",
            $"{{{{ $labels.{Provider} }}}} {{{{ $labels.{Operation} }}}}: p95 {{{{ $value | humanize }}}} ms over {window} (above {Number(thresholdMs)} ms)",
            Threshold: threshold);
    }

    private static string Render(AlertsOptions alerts, IReadOnlyList<Rule> rules)
    {
        var yaml = new StringBuilder()
            .AppendLine("# Prometheus alerting rules made from the dashboard's Alerts settings (GET /ops/alerts/rules.yml).")
            .AppendLine("# Not here, evaluated by the dashboard only: Budget (needs the price sheet) and Health:UnavailableSecondsAbove.")
            .AppendLine("groups:")
            .AppendLine($"  - name: {GroupName}")
            .AppendLine($"    interval: {alerts.EvaluateEverySeconds}s")
            .AppendLine("    rules:");
        foreach (var rule in rules)
        {
            yaml.AppendLine($"      - alert: Dashboard{rule.Kind}")
                .AppendLine($"        expr: {Quoted(rule.Expression)}")
                .AppendLine($"        for: {alerts.FireAfterSeconds}s")
                .AppendLine($"        keep_firing_for: {alerts.ResolveAfterClearSeconds}s")
                .AppendLine("        labels:")
                .AppendLine("          source: dashboard")
                .AppendLine($"          rule: {rule.Kind}");
            if (rule.Threshold is not null) yaml.AppendLine($"          threshold: {Quoted(rule.Threshold)}");
            yaml.AppendLine("        annotations:")
                .AppendLine($"          summary: {Quoted(rule.Summary)}");
        }
        return yaml.ToString();
    }

    private sealed record Rule(AlertRuleKind Kind, string Expression, string Summary, string? Threshold = null);

    private static string Window(int minutes) => $"{minutes}m";

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A YAML single-quoted scalar: only the quote itself needs escaping (doubled).</summary>
    private static string Quoted(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
