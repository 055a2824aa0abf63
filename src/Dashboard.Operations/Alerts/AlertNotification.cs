using Dashboard.Core.Alerts;

namespace Dashboard.Operations.Alerts;

/// <summary>
/// The webhook payload (documented in the README under "Alerts"): one alert that fired or resolved. Property
/// names are camelCase in JSON.
/// </summary>
public sealed record AlertNotification(
    string Status,
    long AlertId,
    string Key,
    string Rule,
    string RuleLabel,
    string Subject,
    string? Tenant,
    double Value,
    double Threshold,
    string Unit,
    string Summary,
    DateTimeOffset FiredAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset SentAt,
    string Instance)
{
    public const string Firing = "firing";
    public const string Resolved = "resolved";

    public static AlertNotification Of(AlertRecord alert, string status, DateTimeOffset sentAt, string instance)
    {
        var kind = Enum.TryParse<AlertRuleKind>(alert.Rule, out var k) ? k : (AlertRuleKind?)null;
        return new AlertNotification(status, alert.Id, alert.Key, alert.Rule, kind is { } known ? AlertRuleKinds.Label(known) : alert.Rule,
            alert.Subject, alert.Tenant, alert.Value, alert.Threshold, kind is { } u ? AlertRuleKinds.Unit(u) : "", alert.Summary,
            alert.FiredAt, alert.ResolvedAt, sentAt, instance);
    }
}

/// <summary>Takes notifications to send; must return at once (evaluation never waits on a receiver).</summary>
public interface IAlertNotifier
{
    void Enqueue(AlertNotification notification);
}
