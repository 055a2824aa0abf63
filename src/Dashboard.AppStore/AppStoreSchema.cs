using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
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

    /// <summary>Name of the MySQL lock held while the schema is checked: instances starting together take turns.</summary>
    public const string SchemaLockName = "dashboard_app_store_schema";

    public static async Task EnsureAsync(AppStoreDbContext db, bool mySql, CancellationToken ct)
    {
        if (!mySql)
        {
            await EnsureUnlockedAsync(db, mySql, ct);
            return;
        }
        // Several instances share a MySQL store: without the lock two could create the same table, or one could find
        // the audit table between the other's DROP TRIGGER and CREATE TRIGGER. The database alone is created first
        // (the lock needs a connection to it); a lock is held per connection, so one stays open until it is released.
        await EnsureDatabaseAsync(db, ct);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var got = await db.Database.SqlQueryRaw<long?>($"SELECT GET_LOCK('{SchemaLockName}', 60) AS Value").SingleAsync(ct);
            if (got != 1) throw new InvalidOperationException($"The app store's schema lock '{SchemaLockName}' was not granted within 60 s: another instance holds it.");
            try
            {
                await EnsureUnlockedAsync(db, mySql, ct);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"DO RELEASE_LOCK('{SchemaLockName}')", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>CREATE DATABASE without tables; another instance creating it at the same moment is no failure.</summary>
    private static async Task EnsureDatabaseAsync(AppStoreDbContext db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct)) return;
        try
        {
            await creator.CreateAsync(ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            if (!await creator.ExistsAsync(ct)) throw;
        }
    }

    private static async Task EnsureUnlockedAsync(AppStoreDbContext db, bool mySql, CancellationToken ct)
    {
        // A new store gets every table; a store made by an earlier version gets the tables added since.
        await db.Database.EnsureCreatedAsync(ct);
        await CreateMissingTablesAsync(db, mySql, ct);
        await DropMigrationLeaseColumnsAsync(db, mySql, ct);
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

    /// <summary>
    /// The first version of the <c>migrations</c> table kept each run's lease in it (holder, lease end); leases are
    /// fleet leases now, and those columns (NOT NULL, no default) would refuse every new checkpoint.
    /// </summary>
    private static async Task DropMigrationLeaseColumnsAsync(AppStoreDbContext db, bool mySql, CancellationToken ct)
    {
        var columns = await db.Database.SqlQueryRaw<string>(mySql
                ? "SELECT COLUMN_NAME AS Value FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'migrations'"
                : "SELECT name AS Value FROM pragma_table_info('migrations')")
            .ToListAsync(ct);
        if (columns.Contains("holder", StringComparer.OrdinalIgnoreCase))
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE migrations DROP COLUMN holder", ct);
        if (columns.Contains("lease_until_unix_ms", StringComparer.OrdinalIgnoreCase))
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE migrations DROP COLUMN lease_until_unix_ms", ct);
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
