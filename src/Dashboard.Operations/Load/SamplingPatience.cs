namespace Dashboard.Operations.Load;

/// <summary>
/// How long sampling keeps trying. A throttling backend is alive and busy (exactly what a load run is for), so
/// throttled answers are retried until <see cref="ThrottledFor"/> has passed; an unreachable backend gets
/// <see cref="UnavailableAttempts"/> tries, enough to ride out a blip but not to hide a backend that is down.
/// </summary>
public sealed record SamplingPatience(TimeSpan ThrottledFor, int UnavailableAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static SamplingPatience Default { get; } =
        new(TimeSpan.FromSeconds(60), UnavailableAttempts: 4, BaseDelay: TimeSpan.FromMilliseconds(200), MaxDelay: TimeSpan.FromSeconds(1));
}
