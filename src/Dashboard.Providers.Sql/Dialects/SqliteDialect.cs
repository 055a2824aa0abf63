using Dashboard.Core.Files;
using Microsoft.Data.Sqlite;

namespace Dashboard.Providers.Sql.Dialects;

/// <summary>
/// The embedded sandbox: a SQLite file, schema by EnsureCreated (EF migrations are provider-specific and ours
/// are MySQL's) plus the columns added since (<see cref="SqliteColumnUpgrades"/>), WAL so readers never wait for the writer.
/// </summary>
public sealed class SqliteDialect(string connectionString) : ISqlDialect
{
    private const int UniqueConstraint = 2067;
    private const int PrimaryKeyConstraint = 1555;

    public string ProductName => SqliteStoreProvider.Product;

    public void Configure(DbContextOptionsBuilder options) => options.UseSqlite(connectionString);

    /// <summary>
    /// Each pooled SQLite connection keeps its file open and its native caches (~190 KB): the pools left by every
    /// tenant the health prober pinged held 2 GB at 10,000 tenants until the pool's own pruning, minutes later.
    /// </summary>
    public void ReleaseConnections()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    public async Task EnsureSchemaAsync(DashboardDbContext db, CancellationToken ct)
    {
        SqliteDataSource.EnsureFolder(new SqliteConnectionStringBuilder(connectionString).DataSource);
        await db.Database.EnsureCreatedAsync(ct);
        await SqliteColumnUpgrades.ApplyAsync(db, ct);
        // EnsureCreated adds no index to an existing file: a sandbox from before the orders listing gets it here.
        await db.Database.ExecuteSqlRawAsync(
            $"CREATE INDEX IF NOT EXISTS \"{DashboardDbContext.StatusIndex}\" ON \"orders\" (\"status\", \"id\")", ct);
        await SqliteOrderCounters.EnsureAsync(db, ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    public bool IsUniqueViolation(Exception e) =>
        e.GetBaseException() is SqliteException { SqliteExtendedErrorCode: UniqueConstraint or PrimaryKeyConstraint };

    public bool IsUnavailable(Exception e) =>
        e.GetBaseException() is SqliteException { SqliteErrorCode: 14 /* CANTOPEN */ or 26 /* NOTADB */ or 11 /* CORRUPT */ };

    public string? ThrottleCause(Exception e) =>
        e.GetBaseException() is SqliteException { SqliteErrorCode: 5 /* BUSY */ } ? "SQLITE_BUSY (database is locked)" : null;

    public async Task<long?> ApproximateUserCountAsync(DashboardDbContext db, CancellationToken ct)
    {
        // The sandbox is small, but the rule holds: the estimate comes from the rowid, not a count.
        var max = await db.Database.SqlQueryRaw<long?>("SELECT MAX(rowid) AS \"Value\" FROM users").SingleAsync(ct);
        return max;
    }

    public Task<OrderStatusCounts> OrderStatusCountsAsync(DashboardDbContext db, CancellationToken ct) => SqliteOrderCounters.ReadAsync(db, ct);

    /// <summary>The database's size as SQLite sees it (page count × page size), pages still in the WAL included.</summary>
    public Task<long?> StorageBytesAsync(DashboardDbContext db, CancellationToken ct) =>
        db.Database.SqlQueryRaw<long?>("SELECT c.page_count * s.page_size AS \"Value\" FROM pragma_page_count() AS c, pragma_page_size() AS s")
            .SingleAsync(ct);
}
