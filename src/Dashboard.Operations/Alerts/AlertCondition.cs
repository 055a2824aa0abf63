namespace Dashboard.Operations.Alerts;

/// <summary>
/// One rule judged for one subject at one moment: whether it is breached, the value against the threshold, and the
/// metric's recent points for the sparkline. <see cref="Key"/> names the alert it fires (rule and subject).
/// </summary>
/// <param name="Subject">What is watched: "tenant acme", "provider DynamoDB", "acme list_orders".</param>
/// <param name="Tenant">The tenant whose pages show the banner; null for a provider's budget.</param>
public sealed record AlertCondition(
    AlertRuleKind Rule,
    string Subject,
    string? Tenant,
    bool Breached,
    double Value,
    double Threshold,
    IReadOnlyList<double> Sparkline,
    string Summary)
{
    public string Key => $"{Rule}:{Subject}";
}
