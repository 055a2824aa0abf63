namespace Dashboard.Core.Alerts;

/// <summary>
/// The fleet's alerts, kept in the app store so every instance shows the same ones. At most one alert per key is
/// open at a time (the store refuses a second); acknowledging checks the version read.
/// </summary>
public interface IAlertStore
{
    /// <summary>Opens a firing alert; null when one is already open for its key (another evaluator got there first).</summary>
    Task<AlertRecord?> OpenAsync(AlertRecord alert, CancellationToken ct);

    /// <summary>Records this round's value; a breach moves <see cref="AlertRecord.LastBreachAt"/>.</summary>
    Task ObserveAsync(long id, AlertObservation observation, CancellationToken ct);

    /// <summary>Resolves an open alert; false when it was already resolved.</summary>
    Task<bool> ResolveAsync(long id, DateTimeOffset at, CancellationToken ct);

    /// <summary>Acknowledges an open alert read at <paramref name="expectedVersion"/>; a changed or resolved one is a conflict.</summary>
    Task<AlertRecord> AcknowledgeAsync(long id, long expectedVersion, string by, string note, DateTimeOffset at, CancellationToken ct);

    /// <summary>Marks the firing notification sent; false when it already was (so it goes out once, whoever evaluates).</summary>
    Task<bool> ClaimNotificationAsync(long id, DateTimeOffset at, CancellationToken ct);

    Task<AlertRecord?> FindAsync(long id, CancellationToken ct);

    Task<IReadOnlyList<AlertRecord>> ListOpenAsync(CancellationToken ct);

    /// <summary>Open alerts and those resolved at or after <paramref name="resolvedSince"/>, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AlertRecord>> ListRecentAsync(DateTimeOffset resolvedSince, int limit, CancellationToken ct);
}

/// <summary>A named lease in the app store: one holder at a time, until it lapses unrenewed.</summary>
public interface IFleetLease
{
    /// <summary>Takes or renews the lease for <paramref name="holder"/>; false while another holder's lease runs.</summary>
    Task<bool> TryAcquireAsync(string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken ct);

    /// <summary>Gives the lease up at once if <paramref name="holder"/> has it, so the next taker need not wait for it to lapse.</summary>
    Task ReleaseAsync(string name, string holder, CancellationToken ct);
}
