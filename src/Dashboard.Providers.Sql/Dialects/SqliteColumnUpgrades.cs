using Microsoft.Data.Sqlite;

namespace Dashboard.Providers.Sql.Dialects;

/// <summary>
/// Columns added to the model after sandbox files already existed. EnsureCreated creates missing tables but
/// never alters an existing one, so a sandbox made by an older build gets these columns here, once, as nullable
/// columns (existing rows carry null: see <see cref="WriteIds"/>).
/// </summary>
internal static class SqliteColumnUpgrades
{
    private static readonly (string Table, string Column, string Add)[] Added =
    [
        ("users", "write_id", "ALTER TABLE \"users\" ADD COLUMN \"write_id\" TEXT NULL"),
        ("orders", "write_id", "ALTER TABLE \"orders\" ADD COLUMN \"write_id\" TEXT NULL"),
    ];

    public static async Task ApplyAsync(DashboardDbContext db, CancellationToken ct)
    {
        foreach (var (table, column, add) in Added)
        {
            var present = await db.Database
                .SqlQuery<long>($"SELECT COUNT(*) AS \"Value\" FROM pragma_table_info({table}) WHERE name = {column}")
                .SingleAsync(ct);
            if (present > 0) continue;
            try
            {
                await db.Database.ExecuteSqlRawAsync(add, ct);
            }
            catch (SqliteException e) when (e.Message.Contains("duplicate column name", StringComparison.OrdinalIgnoreCase))
            {
                // Another process opening the same file added it first.
            }
        }
    }
}
