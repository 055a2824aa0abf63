namespace Dashboard.Providers.Sql.Dialects;

/// <summary>
/// Order counts per status in the sandbox: SQLite keeps no per-value statistics, so triggers maintain a small
/// <c>order_status_counts</c> table in the same transaction as every insert, status change and delete — bulk
/// loads included. A sandbox file made before the counters existed gets them, counted once, at start.
/// </summary>
internal static class SqliteOrderCounters
{
    public const string Source = "counters the sandbox maintains with every write";

    private const string Table = "order_status_counts";

    private static readonly string[] Triggers =
    [
        $"""
        CREATE TRIGGER IF NOT EXISTS orders_count_insert AFTER INSERT ON orders BEGIN
          INSERT INTO {Table} (status, n) VALUES (NEW.status, 1) ON CONFLICT (status) DO UPDATE SET n = n + 1;
        END
        """,
        $"""
        CREATE TRIGGER IF NOT EXISTS orders_count_update AFTER UPDATE OF status ON orders WHEN OLD.status <> NEW.status BEGIN
          UPDATE {Table} SET n = n - 1 WHERE status = OLD.status;
          INSERT INTO {Table} (status, n) VALUES (NEW.status, 1) ON CONFLICT (status) DO UPDATE SET n = n + 1;
        END
        """,
        $"""
        CREATE TRIGGER IF NOT EXISTS orders_count_delete AFTER DELETE ON orders BEGIN
          UPDATE {Table} SET n = n - 1 WHERE status = OLD.status;
        END
        """,
    ];

    /// <summary>Creates the table and its triggers when missing; the first time, counts the orders already there.</summary>
    public static async Task EnsureAsync(DashboardDbContext db, CancellationToken ct)
    {
        var present = await db.Database
            .SqlQuery<long>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND name = 'orders_count_delete'")
            .SingleAsync(ct);
        if (present > 0) return;
        // One transaction: no order written between the count and the triggers is missed or counted twice.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"CREATE TABLE IF NOT EXISTS {Table} (status TEXT NOT NULL PRIMARY KEY, n INTEGER NOT NULL)", ct);
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM {Table}", ct);
        await db.Database.ExecuteSqlRawAsync($"INSERT INTO {Table} (status, n) SELECT status, COUNT(*) FROM orders GROUP BY status", ct);
        foreach (var trigger in Triggers) await db.Database.ExecuteSqlRawAsync(trigger, ct);
        await tx.CommitAsync(ct);
    }

    public static async Task<OrderStatusCounts> ReadAsync(DashboardDbContext db, CancellationToken ct)
    {
        var rows = await db.Database.SqlQueryRaw<StatusCount>($"SELECT status AS \"Status\", n AS \"N\" FROM {Table}").ToListAsync(ct);
        return OrderStatusCounts.From(rows.Select(r => KeyValuePair.Create(r.Status, r.N)), Source);
    }

    private sealed record StatusCount(string Status, long N);
}
