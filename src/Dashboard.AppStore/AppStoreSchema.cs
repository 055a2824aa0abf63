using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Dashboard.AppStore;

/// <summary>
/// Creates the tables if missing and makes the audit table append-only in the database itself: triggers
/// refuse UPDATE and DELETE, so not even a bug in this app can rewrite history.
/// </summary>
public static class AppStoreSchema
{
    public const string AppendOnlyMessage = "audit_entries is append-only";

    public static async Task EnsureAsync(AppStoreDbContext db, bool mySql, CancellationToken ct)
    {
        // A new store gets every table; a store made by an earlier version gets the tables added since.
        await db.Database.EnsureCreatedAsync(ct);
        await CreateMissingTablesAsync(db, mySql, ct);
        foreach (var statement in mySql ? MySqlTriggers : SqliteTriggers)
            await db.Database.ExecuteSqlRawAsync(statement, ct);
    }

    /// <summary>
    /// EnsureCreated does nothing once any table exists, so tables of the model that the database lacks are
    /// created here, with their indexes, from the same model (the DDL cannot drift from what EF queries).
    /// </summary>
    private static async Task CreateMissingTablesAsync(AppStoreDbContext db, bool mySql, CancellationToken ct)
    {
        var existing = (await db.Database.SqlQueryRaw<string>(mySql
                ? "SELECT TABLE_NAME AS Value FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                : "SELECT name AS Value FROM sqlite_master WHERE type = 'table'")
            .ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var model = db.GetService<IDesignTimeModel>().Model;
        var missing = db.GetService<IMigrationsModelDiffer>().GetDifferences(null, model.GetRelationalModel())
            .Where(op => op switch
            {
                CreateTableOperation table => !existing.Contains(table.Name),
                CreateIndexOperation index => !existing.Contains(index.Table),
                _ => false,
            })
            .ToList();
        if (missing.Count == 0) return;
        foreach (var command in db.GetService<IMigrationsSqlGenerator>().Generate(missing, model))
            await db.Database.ExecuteSqlRawAsync(command.CommandText, ct);
    }

    private static readonly string[] SqliteTriggers =
    [
        $"CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, '{AppendOnlyMessage}'); END;",
        $"CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, '{AppendOnlyMessage}'); END;",
    ];

    // MariaDB knows CREATE TRIGGER IF NOT EXISTS; MySQL does not, so drop-and-create is the portable form.
    private static readonly string[] MySqlTriggers =
    [
        "DROP TRIGGER IF EXISTS audit_entries_no_update",
        $"CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{AppendOnlyMessage}'",
        "DROP TRIGGER IF EXISTS audit_entries_no_delete",
        $"CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{AppendOnlyMessage}'",
    ];
}
