namespace Dashboard.Operations.Alerts;

/// <summary>
/// <c>Alerts</c> in appsettings: how often the fleet's rules are evaluated, how an alert fires and resolves, each
/// rule's thresholds and where notifications go. A rule whose threshold is null is off.
/// </summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between two evaluations (by the instance holding the lease).</summary>
    public int EvaluateEverySeconds { get; set; } = 15;

    /// <summary>A condition must hold this long before its alert fires (0: at the first evaluation that sees it).</summary>
    public int FireAfterSeconds { get; set; }

    /// <summary>A firing alert resolves once its condition has been clear this long; a breach meanwhile keeps it open (damps flapping).</summary>
    public int ResolveAfterClearSeconds { get; set; } = 120;

    /// <summary>How long the evaluating instance's lease lasts without renewal; another instance takes over after it.</summary>
    public int LeaseSeconds { get; set; } = 45;

    public BudgetRuleOptions Budget { get; set; } = new();
    public ThrottlingRuleOptions Throttling { get; set; } = new();
    public HealthRuleOptions Health { get; set; } = new();
    public LatencyRuleOptions Latency { get; set; } = new();
    public UnitsSpikeRuleOptions UnitsSpike { get; set; } = new();
    public List<WebhookOptions> Webhooks { get; set; } = [];

    /// <summary>Email for notifications; off while <see cref="SmtpOptions.Host"/> is empty.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    public TimeSpan EvaluateEvery => TimeSpan.FromSeconds(EvaluateEverySeconds);
    public TimeSpan FireAfter => TimeSpan.FromSeconds(FireAfterSeconds);
    public TimeSpan ResolveAfterClear => TimeSpan.FromSeconds(ResolveAfterClearSeconds);
    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
}

/// <summary>Projected monthly cost above <see cref="Percent"/> % of a monthly budget, per tenant and per provider.</summary>
public sealed class BudgetRuleOptions
{
    public double Percent { get; set; } = 80;

    /// <summary>The window whose rate is projected to a month (the cost page's projection).</summary>
    public int WindowMinutes { get; set; } = 60;

    /// <summary>Tenant id → monthly budget in USD.</summary>
    public Dictionary<string, decimal> TenantMonthlyUsd { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Provider product name ("DynamoDB", "PlanetScale", "Fauna", "SQLite sandbox") → monthly budget in USD.</summary>
    public Dictionary<string, decimal> ProviderMonthlyUsd { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Per tenant: surfaced throttles (those users saw) above a count, or retried throttles above a share of attempts, in a window.</summary>
public sealed class ThrottlingRuleOptions
{
    public int WindowMinutes { get; set; } = 5;
    public int? SurfacedAbove { get; set; } = 10;
    public double? RetriedSharePercentAbove { get; set; } = 20;

    /// <summary>Attempts needed in the window before the retried share counts (a handful of calls says nothing).</summary>
    public int MinAttempts { get; set; } = 20;
}

/// <summary>Per tenant: backend unavailable longer than a time, or error rate above a share of calls in a window.</summary>
public sealed class HealthRuleOptions
{
    public int? UnavailableSecondsAbove { get; set; } = 60;
    public double? ErrorRatePercentAbove { get; set; } = 5;
    public int WindowMinutes { get; set; } = 5;
    public int MinCalls { get; set; } = 20;
}

/// <summary>Per tenant and operation: p95 above a time over a window; an operation may have its own threshold.</summary>
public sealed class LatencyRuleOptions
{
    public double? P95MsAbove { get; set; } = 1000;
    public int WindowMinutes { get; set; } = 5;
    public int MinCalls { get; set; } = 20;

    /// <summary>Operation name ("list_orders") → its own p95 threshold in ms.</summary>
    public Dictionary<string, double> OperationP95MsAbove { get; set; } = new(StringComparer.Ordinal);

    public double? ThresholdFor(string operation) =>
        OperationP95MsAbove.TryGetValue(operation, out var ms) ? ms : P95MsAbove;
}

/// <summary>
/// Per tenant: the last complete minute's units above <see cref="Factor"/> × the median units per minute of the same
/// UTC hour over the previous 7 days (the baseline kept in the app store, see <see cref="UnitsBaseline"/>).
/// </summary>
public sealed class UnitsSpikeRuleOptions
{
    public double? Factor { get; set; } = 5;

    /// <summary>Days of the week with a figure for the hour needed before the rule judges (a new tenant or store has no baseline).</summary>
    public int MinBaselineDays { get; set; } = 1;

    /// <summary>A minute below this many units is never a spike (a median of 0 would make any use one).</summary>
    public double MinUnitsPerMinute { get; set; } = 100;
}

/// <summary>A receiver of alert notifications: a generic JSON POST.</summary>
public sealed class WebhookOptions
{
    public string Url { get; set; } = "";
    public int MaxAttempts { get; set; } = 5;
    public int FirstBackoffMs { get; set; } = 500;
    public int TimeoutSeconds { get; set; } = 10;
}

/// <summary>How to send alert notifications by email. TLS: <c>None</c>, <c>StartTls</c> (upgrade after connecting) or <c>SslOnConnect</c> (TLS from the first byte, usually port 465).</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public string From { get; set; } = "";
    public List<string> To { get; set; } = [];
    public string? User { get; set; }
    public string? Password { get; set; }
    public SmtpTlsMode Tls { get; set; } = SmtpTlsMode.StartTls;
    public int MaxAttempts { get; set; } = 5;
    public int FirstBackoffMs { get; set; } = 500;
    public int TimeoutSeconds { get; set; } = 10;

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}

public enum SmtpTlsMode
{
    None,
    StartTls,
    SslOnConnect,
}
