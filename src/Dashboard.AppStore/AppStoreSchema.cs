using Microsoft.EntityFrameworkCore;

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
        await db.Database.EnsureCreatedAsync(ct);
        foreach (var statement in mySql ? MySqlTriggers : SqliteTriggers)
            await db.Database.ExecuteSqlRawAsync(statement, ct);
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
