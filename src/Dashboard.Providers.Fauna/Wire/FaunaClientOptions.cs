namespace Dashboard.Providers.Fauna.Wire;

/// <summary>Where and how the wire client talks to Fauna. Retries follow the official drivers (3 attempts, capped at 20 s).</summary>
public sealed record FaunaClientOptions(Uri Endpoint, string Secret)
{
    /// <summary>Sent as X-Query-Timeout-Ms; the HTTP timeout is this plus a margin for the answer to arrive.</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per query for throttling (429), contention (409), 503 and network errors.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The first backoff step; each retry doubles it (half fixed, half random), up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Never print the secret: records print their properties.</summary>
    public override string ToString() => $"FaunaClientOptions {{ Endpoint = {Endpoint}, Secret = (hidden) }}";
}
