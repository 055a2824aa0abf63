namespace Dashboard.Core.Bulk;

/// <summary>How hard a bulk change may push a tenant's backend.</summary>
public sealed record BulkOptions
{
    /// <summary>Orders updated at the same time: enough to be quick, few enough to leave the backend to others.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Tries per order when the backend throttles (the store's own retries come on top).</summary>
    public int ThrottledAttempts { get; init; } = 5;

    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>At most this many orders per run, so one click cannot tie a backend up for hours.</summary>
    public int MaxOrders { get; init; } = 5_000;
}
