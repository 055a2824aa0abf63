namespace Dashboard.Core.Errors;

/// <summary>Exponential backoff with "equal jitter": half the step fixed, half random, so retries spread out.</summary>
public static class Backoff
{
    /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    public static TimeSpan Delay(int retry, TimeSpan baseDelay, TimeSpan maxDelay, Random? random = null)
    {
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, retry - 1));
        return TimeSpan.FromMilliseconds(ceiling / 2 + (random ?? Random.Shared).NextDouble() * ceiling / 2);
    }
}
