namespace Dashboard.AppStore.Alerts;

/// <summary>
/// One alert. <see cref="OpenKey"/> is the key while the alert is open and null once resolved: its unique index lets
/// one alert per key be open, however many instances try (NULLs never collide).
/// </summary>
public sealed class AlertRow
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public string? OpenKey { get; set; }
    public string Rule { get; set; } = "";
    public string Subject { get; set; } = "";
    public string? Tenant { get; set; }
    public string State { get; set; } = "";
    public long FiredAtUnixMs { get; set; }
    public long LastBreachAtUnixMs { get; set; }
    public long? ResolvedAtUnixMs { get; set; }
    public double Value { get; set; }
    public double Threshold { get; set; }
    public string Summary { get; set; } = "";
    public string SparklineJson { get; set; } = "[]";
    public string? AcknowledgedBy { get; set; }
    public string? AcknowledgedNote { get; set; }
    public long? AcknowledgedAtUnixMs { get; set; }
    public long? NotifiedAtUnixMs { get; set; }
    public long Version { get; set; }
}

/// <summary>A named lease: who holds it and until when.</summary>
public sealed class LeaseRow
{
    public string Name { get; set; } = "";
    public string Holder { get; set; } = "";
    public long ExpiresAtUnixMs { get; set; }
}
