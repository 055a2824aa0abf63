namespace FaunaLocal.Engine;

/// <summary>
/// When a query must be done by (X-Query-Timeout-Ms), on the high-resolution clock: timeouts of a millisecond
/// or two are meaningful, so the coarse tick count is not precise enough.
/// </summary>
public readonly record struct QueryDeadline(long Started, long Expires)
{
    public static QueryDeadline Start(long startedTimestamp, int timeoutMs) =>
        new(startedTimestamp, startedTimestamp + (long)(timeoutMs * (double)Stopwatch.Frequency / 1000));

    public static QueryDeadline In(TimeSpan timeout) => Start(Stopwatch.GetTimestamp(), (int)timeout.TotalMilliseconds);

    public bool Passed => Stopwatch.GetTimestamp() > Expires;

    public TimeSpan Remaining => TimeSpan.FromSeconds(Math.Max(0, Expires - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(Started);

    public int TimeoutMs => (int)Math.Round((Expires - Started) * 1000.0 / Stopwatch.Frequency);
}

/// <summary>The query ran past its deadline.</summary>
public sealed class QueryTimeoutException : Exception;
