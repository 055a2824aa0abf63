namespace Dashboard.Providers.Sql.Dialects;

/// <summary>What differs between the SQL backends sharing one model: connection, schema creation, error codes.</summary>
public interface ISqlDialect
{
    /// <summary>
    /// The backend's name in the errors its store throws: its store provider's <c>ProductName</c> ("SQLite sandbox",
    /// "PlanetScale"), the name pages and metrics show, so an error never names the backend differently.
    /// </summary>
    string ProductName { get; }

    void Configure(DbContextOptionsBuilder options);

    /// <summary>Closes the idle pooled connections to this database: the tenant's store was let go.</summary>
    void ReleaseConnections();

    /// <summary>Creates or migrates the schema.</summary>
    Task EnsureSchemaAsync(DashboardDbContext db, CancellationToken ct);

    /// <summary>A duplicate key on a unique index (SQLite 2067, MySQL 1062).</summary>
    bool IsUniqueViolation(Exception e);

    /// <summary>The server could not be reached or refused the connection.</summary>
    bool IsUnavailable(Exception e);

    /// <summary>A capacity refusal worth retrying (MySQL 1040 too many connections, Vitess resource exhausted).</summary>
    string? ThrottleCause(Exception e);

    /// <summary>
    /// The column whose value the database refused instead of truncating it (MySQL strict mode), or null.
    /// Validation refuses such values first; this is the last line of defence.
    /// </summary>
    string? RejectedColumn(Exception e) => null;

    /// <summary>An approximate row count from table statistics, never a COUNT(*), or null when unknown.</summary>
    Task<long?> ApproximateUserCountAsync(DashboardDbContext db, CancellationToken ct);

    /// <summary>About how many orders each status has, from statistics or maintained counters, never a COUNT over orders.</summary>
    Task<OrderStatusCounts> OrderStatusCountsAsync(DashboardDbContext db, CancellationToken ct);

    /// <summary>The bytes the tenant's data occupies, from the database's own bookkeeping (never a scan), or null when unknown.</summary>
    Task<long?> StorageBytesAsync(DashboardDbContext db, CancellationToken ct);
}
