namespace Dashboard.Operations.Alerts;

/// <summary>
/// Where the tenant rules read their figures: this instance's rolling store (<see cref="RollingAlertInputs"/>), or with
/// <c>Metrics:Source=Prometheus</c> the whole fleet's from Prometheus (<see cref="PrometheusAlertInputs"/>), chosen as
/// the ops pages' sources are.
/// </summary>
public interface IAlertInputs
{
    /// <summary>Whose figures these are, for the summaries: "this instance" or "the fleet (Prometheus)".</summary>
    string Scope { get; }

    /// <summary>
    /// Every tenant's series: 10-second points over the last <paramref name="recent"/> (throttling, errors), per-operation
    /// latency over it, and units per minute over the last <see cref="MinuteSpan"/> (the units spike's minute and sparkline).
    /// </summary>
    Task<IReadOnlyDictionary<string, TenantSeries>> ReadAsync(TimeSpan recent, CancellationToken ct);

    /// <summary>
    /// Units per tenant in the whole hour starting at <paramref name="hour"/> (tenants without calls are absent); null
    /// when these figures do not cover the whole hour (this instance started within it), so it is not kept as a baseline.
    /// </summary>
    Task<IReadOnlyDictionary<string, double>?> HourUnitsAsync(DateTimeOffset hour, CancellationToken ct);

    /// <summary>Minutes of units read for the spike rule: the judged minute and the sparkline's before it.</summary>
    public static readonly TimeSpan MinuteSpan = TimeSpan.FromMinutes(32);
}
