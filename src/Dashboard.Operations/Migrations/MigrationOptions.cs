namespace Dashboard.Operations.Migrations;

/// <summary>How a migration pages, how long its lease lasts, and how patient it is with a throttling or unanswering backend.</summary>
public sealed class MigrationOptions
{
    /// <summary>Rows read and written per page (one checkpoint per page).</summary>
    public int PageSize { get; set; } = Dashboard.Core.Paging.PageRequest.MaxSize;

    /// <summary>
    /// Rows per bulk write (whole pages, so a few more): each is one checkpoint, and on DynamoDB and Fauna one recount
    /// of the order status counters, which is why it is many pages rather than one.
    /// </summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>
    /// How long a run's claim on its tenant lasts without a checkpoint: every page extends it, a cancelled run
    /// gives it up, and a crashed run's claim lapses after this, when a resume may take over.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one call may keep being throttled (retried with backoff) before the run stops.</summary>
    public TimeSpan ThrottledFor { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How many times a read or bulk write is tried again when the backend gave no answer in time or was unavailable
    /// (a busy server's pause, a dropped connection) before the run stops. Such calls are safe to repeat.
    /// </summary>
    public int UnavailableRetries { get; set; } = 5;

    /// <summary>The wait before the first of those retries; it doubles (with jitter) for each next one, up to 30 s.</summary>
    public TimeSpan UnavailableBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Catch-up passes at most before verification (each pass re-scans; writes going on may need more than one).</summary>
    public int MaxCatchUpPasses { get; set; } = 3;

    /// <summary>
    /// How long a catch-up pass from the change feed waits before taking what the feed reported: a feed hears of a
    /// commit a moment after it (DynamoDB streams are read every 0.5 s; Fauna pushes events as they commit).
    /// </summary>
    public TimeSpan FeedSettle { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>How long the source's change feed may take to position itself before the copy; after that catch-up scans.</summary>
    public TimeSpan FeedPositionTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Rows per second assumed for a plan's estimate, before anything was measured.</summary>
    public double EstimatedRowsPerSecond { get; set; } = 500;

    /// <summary>How long after a cut-over "roll back" is offered (the source is kept untouched until then).</summary>
    public TimeSpan RollbackWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a cut-over waits, once the tenant is read-only, before its final catch-up: long enough for every
    /// other instance to read the registry's change version (see <c>TenantRegistry:PollInterval</c>) and refuse writes too.
    /// </summary>
    public TimeSpan CutOverSettle { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a cut-over waits for this instance's writes in flight to finish before giving up (the tenant then stays on its backend).</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
