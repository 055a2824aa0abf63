using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Providers.Sql.MySql;

/// <summary>
/// Makes sure the session runs in strict SQL mode, where an overlong string or an out-of-range number is an
/// error instead of a silent truncation. PlanetScale and MariaDB are strict by default, so the first opened
/// connection only checks; if the server turns out to be lax, every connection opened from then on sets
/// STRICT_ALL_TABLES for its session (pooled connections are reset on reuse, so it must be per open).
/// </summary>
internal sealed class StrictModeInterceptor : DbConnectionInterceptor
{
    private const int Unknown = 0, StrictByDefault = 1, MustSet = 2;
    private int _state = Unknown;

    internal bool ServerWasLax => Volatile.Read(ref _state) == MustSet;

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        if (Volatile.Read(ref _state) == StrictByDefault) return;
        if (Volatile.Read(ref _state) == Unknown)
        {
            await using var check = connection.CreateCommand();
            check.CommandText = "SELECT @@SESSION.sql_mode";
            var mode = Convert.ToString(await check.ExecuteScalarAsync(ct)) ?? "";
            var strict = mode.Contains("STRICT_TRANS_TABLES", StringComparison.Ordinal) || mode.Contains("STRICT_ALL_TABLES", StringComparison.Ordinal);
            Volatile.Write(ref _state, strict ? StrictByDefault : MustSet);
            if (strict) return;
        }
        await using var set = connection.CreateCommand();
        set.CommandText = SetStrict;
        await set.ExecuteNonQueryAsync(ct);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        ConnectionOpenedAsync(connection, eventData).GetAwaiter().GetResult();

    private const string SetStrict = "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_ALL_TABLES')";
}
