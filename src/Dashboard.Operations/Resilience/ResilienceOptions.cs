namespace Dashboard.Operations.Resilience;

/// <summary>
/// <c>appsettings.json → Resilience</c>: how store calls are retried, timed out and cut off, per tenant.
/// Providers already retry throttling inside their SDKs (DynamoDB 4 attempts, PlanetScale 3, Fauna 3), so our
/// retry is a short second line spaced wider than theirs, not a multiplier to hammer a struggling backend.
/// </summary>
public sealed class ResilienceOptions
{
    public const string Section = "Resilience";

    /// <summary>Attempts per call when the store answers "throttled" (1 = no retry of our own).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Median wait before the first retry; later ones grow exponentially (Polly's decorrelated jitter), each
    /// capped at <see cref="MaxDelay"/>.
    /// </summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait for one attempt of a request-path call; then the backend counts as unavailable.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Fewest calls within <see cref="SamplingDuration"/> before the circuit may open (so two unlucky calls on a
    /// quiet tenant do not cut it off).
    /// </summary>
    public int BreakAfterFailures { get; set; } = 5;

    /// <summary>Share of those calls that must have found the backend unavailable (or timed out) to open the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>
    /// The window the failure ratio is measured over. Short, because it decides how fast a busy tenant's circuit
    /// opens: the successes from before a backend died count until they leave the window.
    /// </summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long an open circuit refuses calls before Polly lets one trial call through. A fallback only: the
    /// prober closes the circuit as soon as the backend answers, usually much sooner.
    /// </summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>While a circuit is open, the backend is pinged directly this often (one prober per open tenant).</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest wait for one probe, and for one health-check ping through a closed circuit. Below the tenants
    /// page's 3 s health timeout, so a hung backend's pings count as failures rather than as abandoned calls.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
