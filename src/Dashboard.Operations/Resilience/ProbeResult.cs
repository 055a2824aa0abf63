namespace Dashboard.Operations.Resilience;

/// <summary>One ping of the prober: when, whether the backend answered, and why not.</summary>
public sealed record ProbeResult(DateTimeOffset At, bool Answered, string? Problem);
