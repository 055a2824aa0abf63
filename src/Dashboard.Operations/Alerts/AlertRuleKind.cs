namespace Dashboard.Operations.Alerts;

/// <summary>What an alert watches; one rule of <see cref="AlertsOptions"/> may give several kinds (throttling: surfaced and retried share).</summary>
public enum AlertRuleKind
{
    Budget,
    SurfacedThrottles,
    RetriedThrottleShare,
    Unavailable,
    ErrorRate,
    LatencyP95,
    UnitsSpike,
}

public static class AlertRuleKinds
{
    public static string Label(AlertRuleKind kind) => kind switch
    {
        AlertRuleKind.Budget => "Budget",
        AlertRuleKind.SurfacedThrottles => "Surfaced throttles",
        AlertRuleKind.RetriedThrottleShare => "Retried throttle share",
        AlertRuleKind.Unavailable => "Backend unavailable",
        AlertRuleKind.ErrorRate => "Error rate",
        AlertRuleKind.LatencyP95 => "Latency p95",
        AlertRuleKind.UnitsSpike => "Units spike",
        _ => kind.ToString(),
    };

    /// <summary>The unit of the value and threshold, for the page and the payload.</summary>
    public static string Unit(AlertRuleKind kind) => kind switch
    {
        AlertRuleKind.Budget => "% of budget",
        AlertRuleKind.SurfacedThrottles => "throttles",
        AlertRuleKind.RetriedThrottleShare or AlertRuleKind.ErrorRate => "%",
        AlertRuleKind.Unavailable => "s",
        AlertRuleKind.LatencyP95 => "ms",
        AlertRuleKind.UnitsSpike => "units/min",
        _ => "",
    };
}
