namespace Dashboard.Core.Resilience;

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

    /// <summary>First backoff; doubles each retry, capped at <see cref="MaxDelay"/>, with "equal jitter".</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait for one attempt of a request-path call; then the backend counts as unavailable.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Consecutive unavailable answers (or timeouts) that open a tenant's circuit.</summary>
    public int BreakAfterFailures { get; set; } = 5;

    /// <summary>How long an open circuit fails calls at once before letting one trial call through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
