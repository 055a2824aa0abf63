using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Providers.Sql.MySql;

/// <summary>
/// EF's retrying strategy with PlanetScale's transient errors (refused or reset connections, 1040 too many
/// connections, Vitess resource exhausted, 1205 lock wait timeout, 1213 deadlock) and a short exponential
/// backoff with jitter, so a dead backend surfaces as unavailable in about a second, not half a minute.
/// The store runs each whole unit of work (transaction included) inside it, on a fresh DbContext per attempt,
/// so a retry replays the transaction from the start instead of continuing a rolled-back one.
/// Each throttling answer is reported to the metering scope, retried or not.
/// </summary>
internal sealed class PlanetScaleExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : ExecutionStrategy(dependencies, MaxRetries, MaxDelay)
{
    public const int MaxRetries = 3;
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    protected override bool ShouldRetryOn(Exception exception) => MySqlErrors.IsTransient(exception);

    protected override TimeSpan? GetNextDelay(Exception lastException)
    {
        var failures = ExceptionsEncountered.Count;
        TimeSpan? delay = failures <= MaxRetryCount ? Backoff(failures) : null;
        if (MySqlErrors.ThrottleCause(lastException) is { } cause) UsageScope.RecordThrottle(cause, retried: delay is not null);
        return delay;
    }

    /// <summary>100 ms, 200 ms, 400 ms... capped, each between half and all of that ("equal jitter").</summary>
    internal static TimeSpan Backoff(int failures)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, failures - 1));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }
}
