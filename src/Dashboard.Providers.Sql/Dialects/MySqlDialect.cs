using Dashboard.Providers.Sql.MySql;
using MySqlConnector;

namespace Dashboard.Providers.Sql.Dialects;

/// <summary>
/// PlanetScale (MySQL / Vitess) through Pomelo: schema by EF migrations (Migrations/), retries by
/// <see cref="PlanetScaleExecutionStrategy"/>, strict SQL mode, the user count from table statistics.
/// </summary>
public sealed class MySqlDialect(string connectionString, ServerVersion serverVersion, string tenant = "") : ISqlDialect
{
    /// <summary>The local stand-in the migrations were generated against.</summary>
    public static ServerVersion DefaultServerVersion { get; } = new MariaDbServerVersion(new Version(10, 11));

    private static readonly TimeSpan CountCacheFor = TimeSpan.FromSeconds(30);
    private readonly StrictModeInterceptor _strictMode = new();
    private readonly MySqlStatusEstimate _statusEstimate = new(tenant);
    private (long? Value, DateTime At) _count = (null, DateTime.MinValue);

    public string ProductName => PlanetScaleStoreProvider.Product;

    public void Configure(DbContextOptionsBuilder options) => options
        .UseMySql(PlanetScaleConnection.WithDefaults(connectionString), serverVersion, mysql => mysql
            .ExecutionStrategy(dependencies => new PlanetScaleExecutionStrategy(dependencies)))
        .AddInterceptors(_strictMode);

    /// <summary>Idle connections would close after the pool's idle timeout anyway; a tenant let go frees its server slots now.</summary>
    public void ReleaseConnections()
    {
        using var connection = new MySqlConnection(PlanetScaleConnection.WithDefaults(connectionString));
        MySqlConnection.ClearPool(connection);
    }

    /// <summary>Applies pending migrations; creates the database when it does not exist yet.</summary>
    public Task EnsureSchemaAsync(DashboardDbContext db, CancellationToken ct) => db.Database.MigrateAsync(ct);

    public bool IsUniqueViolation(Exception e) => MySqlErrors.IsUniqueViolation(e);

    public bool IsUnavailable(Exception e) => MySqlErrors.IsUnavailable(e);

    public string? ThrottleCause(Exception e) => MySqlErrors.ThrottleCause(e);

    public string? RejectedColumn(Exception e) => MySqlErrors.RejectedColumn(e);

    /// <summary>
    /// InnoDB's own estimate (information_schema.TABLES.TABLE_ROWS), cached briefly: it is approximate anyway
    /// and the first page should cost one query, not two.
    /// </summary>
    public async Task<long?> ApproximateUserCountAsync(DashboardDbContext db, CancellationToken ct)
    {
        var cached = _count;
        if (DateTime.UtcNow - cached.At < CountCacheFor) return cached.Value;
        var rows = await db.Database.SqlQueryRaw<long?>(
                "SELECT CAST(TABLE_ROWS AS SIGNED) AS `Value` FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'users'")
            .SingleOrDefaultAsync(ct);
        _count = (rows, DateTime.UtcNow);
        return rows;
    }

    public Task<OrderStatusCounts> OrderStatusCountsAsync(DashboardDbContext db, CancellationToken ct) => _statusEstimate.ReadAsync(db, ct);

    /// <summary>
    /// Data plus indexes of every table in the tenant's database, from InnoDB's table statistics (pages × page
    /// size, so at least 16 KB per table and index). Statistics lag: InnoDB recalculates them in the background
    /// after about 10% of a table changed, and MySQL 8 caches them for information_schema_stats_expiry (a day by
    /// default) — fine for a storage bill measured in GB-months.
    /// </summary>
    public Task<long?> StorageBytesAsync(DashboardDbContext db, CancellationToken ct) =>
        db.Database.SqlQueryRaw<long?>(
                "SELECT CAST(SUM(DATA_LENGTH + INDEX_LENGTH) AS SIGNED) AS `Value` FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'")
            .SingleAsync(ct);
}
