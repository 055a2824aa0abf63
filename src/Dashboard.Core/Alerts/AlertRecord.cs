namespace Dashboard.Core.Alerts;

/// <summary>Where an alert is in its life: firing, acknowledged by someone (still open), or resolved.</summary>
public enum AlertState
{
    Firing,
    Acknowledged,
    Resolved,
}

/// <summary>
/// One alert as kept in the app store: the rule and subject it is about (<see cref="Key"/>), when it fired, when its
/// condition was last seen breached, the value that breached and its sparkline, who acknowledged it and with what
/// note, when it resolved and when its notifications went out. <see cref="Version"/> detects concurrent changes.
/// </summary>
public sealed record AlertRecord(
    long Id,
    string Key,
    string Rule,
    string Subject,
    string? Tenant,
    AlertState State,
    DateTimeOffset FiredAt,
    DateTimeOffset LastBreachAt,
    DateTimeOffset? ResolvedAt,
    double Value,
    double Threshold,
    string Summary,
    IReadOnlyList<double> Sparkline,
    string? AcknowledgedBy,
    string? AcknowledgedNote,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? NotifiedAt,
    long Version)
{
    public bool IsOpen => State != AlertState.Resolved;
}

/// <summary>What the evaluator learnt this round about an open alert's condition.</summary>
public sealed record AlertObservation(double Value, string Summary, IReadOnlyList<double> Sparkline, DateTimeOffset? BreachedAt);
