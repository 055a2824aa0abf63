namespace Dashboard.Core.Live;

/// <summary>
/// The change-feed port: a provider's store implements it next to <see cref="Stores.IDataStore"/> (an optional
/// capability, found through decorators with <see cref="Stores.DataStoreCapabilities.Find{T}"/>). Fauna reads event
/// streams, DynamoDB its table's stream, SQL backends poll cheaply.
/// </summary>
public interface IChangeFeed
{
    /// <summary>
    /// The target's committed changes in commit order, from just after <paramref name="after"/> (a change's
    /// <see cref="DataChange.Cursor"/>) or, when null, from now. Never ends by itself while <paramref name="ct"/> runs:
    /// a failure throws a <see cref="Errors.StoreException"/>, and watching again with the last cursor neither
    /// repeats nor misses a change. An entity target may fold several quick updates into one change carrying the
    /// newest version; a listing reports every entity that joined it, once. Every backend read the feed makes runs
    /// through <paramref name="reads"/>, so it is metered as live updates. Once the feed has taken its starting
    /// position (at once when resuming from a cursor) it calls <see cref="IChangeFeedReads.Positioned"/>: every change
    /// committed after that call is reported, so a reader can check what happened before it (a page's load).
    /// </summary>
    IAsyncEnumerable<DataChange> WatchAsync(WatchTarget target, string? after, IChangeFeedReads reads, CancellationToken ct);

    /// <summary>
    /// Whether this feed can follow targets of <paramref name="kind"/>: every backend follows what pages watch, but a
    /// tenant-wide write feed (<see cref="WatchTarget.IsTenantWide"/>) needs a change log the backend keeps for us.
    /// </summary>
    bool Follows(WatchKind kind) => true;
}

/// <summary>Runs a change feed's own backend reads (the metering decorator counts them as "live updates").</summary>
public interface IChangeFeedReads
{
    Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken ct);

    /// <summary>The feed has its starting position: every change committed from now on will be reported.</summary>
    void Positioned() { }
}

/// <summary>Reads that nobody meters (tests, tools).</summary>
public sealed class UnmeteredReads : IChangeFeedReads
{
    public static UnmeteredReads Instance { get; } = new();

    public Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken ct) => read(ct);
}
