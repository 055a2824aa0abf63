using System.Text.Json;

namespace Dashboard.Operations.Alerts;

/// <summary>
/// The part of <see cref="AlertsOptions"/> Ops may edit on the alerts page: the holds and each rule's thresholds.
/// How often rounds run, the lease and where notifications go stay with configuration (they are the host's, not the rules').
/// </summary>
public sealed class AlertRuleSettings
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public int FireAfterSeconds { get; set; }
    public int ResolveAfterClearSeconds { get; set; }
    public BudgetRuleOptions Budget { get; set; } = new();
    public ThrottlingRuleOptions Throttling { get; set; } = new();
    public HealthRuleOptions Health { get; set; } = new();
    public LatencyRuleOptions Latency { get; set; } = new();
    public UnitsSpikeRuleOptions UnitsSpike { get; set; } = new();

    /// <summary>A deep copy of the configured rules (editing it changes nothing configured).</summary>
    public static AlertRuleSettings From(AlertsOptions o) => FromJson(JsonSerializer.Serialize(new AlertRuleSettings
    {
        FireAfterSeconds = o.FireAfterSeconds, ResolveAfterClearSeconds = o.ResolveAfterClearSeconds,
        Budget = o.Budget, Throttling = o.Throttling, Health = o.Health, Latency = o.Latency, UnitsSpike = o.UnitsSpike,
    }, Json));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static AlertRuleSettings FromJson(string json)
    {
        var s = JsonSerializer.Deserialize<AlertRuleSettings>(json, Json) ?? new AlertRuleSettings();
        // Keys are tenant, provider and operation names: compared as configuration compares them.
        s.Budget.TenantMonthlyUsd = new Dictionary<string, decimal>(s.Budget.TenantMonthlyUsd, StringComparer.Ordinal);
        s.Budget.ProviderMonthlyUsd = new Dictionary<string, decimal>(s.Budget.ProviderMonthlyUsd, StringComparer.Ordinal);
        s.Latency.OperationP95MsAbove = new Dictionary<string, double>(s.Latency.OperationP95MsAbove, StringComparer.Ordinal);
        return s;
    }

    /// <summary>The configured options with these rules in place of the configured ones (a new object; neither input changes).</summary>
    public AlertsOptions Over(AlertsOptions configured)
    {
        var copy = FromJson(ToJson());
        return new AlertsOptions
        {
            Enabled = configured.Enabled,
            EvaluateEverySeconds = configured.EvaluateEverySeconds,
            LeaseSeconds = configured.LeaseSeconds,
            Webhooks = configured.Webhooks,
            Smtp = configured.Smtp,
            FireAfterSeconds = copy.FireAfterSeconds,
            ResolveAfterClearSeconds = copy.ResolveAfterClearSeconds,
            Budget = copy.Budget,
            Throttling = copy.Throttling,
            Health = copy.Health,
            Latency = copy.Latency,
            UnitsSpike = copy.UnitsSpike,
        };
    }
}
