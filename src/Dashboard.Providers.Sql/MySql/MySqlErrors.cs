using System.Net.Sockets;
using MySqlConnector;

namespace Dashboard.Providers.Sql.MySql;

/// <summary>How MySQL / PlanetScale failures are classified: retried, throttled, unavailable or refused input.</summary>
internal static class MySqlErrors
{
    public const int TooManyConnections = 1040;
    public const int UnableToConnect = 1042;
    public const int AccessDenied = 1045;
    public const int UnknownDatabase = 1049;
    public const int DuplicateKey = 1062;
    public const int TooManyUserConnections = 1203;
    public const int LockWaitTimeout = 1205;
    public const int Deadlock = 1213;
    public const int OutOfRange = 1264;
    public const int IncorrectStringValue = 1366;
    public const int DataTooLong = 1406;
    public const int ServerGone = 2006;
    public const int LostConnection = 2013;

    /// <summary>The first MySqlException in the chain (EF wraps it in DbUpdateException or RetryLimitExceededException).</summary>
    public static MySqlException? Find(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is MySqlException m) return m;
        return null;
    }

    private static bool HasSocketFailure(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is SocketException or EndOfStreamException or IOException) return true;
        return false;
    }

    /// <summary>Worth another attempt: the connection was refused or dropped, capacity was short, or a lock gave way.</summary>
    public static bool IsTransient(Exception e)
    {
        if (ThrottleCause(e) is not null) return true;
        var m = Find(e);
        if (m is null) return e is TimeoutException || HasSocketFailure(e);
        return m.Number is UnableToConnect or LockWaitTimeout or Deadlock or ServerGone or LostConnection
               || (m.Number is 0 or -1 && HasSocketFailure(m));
    }

    /// <summary>A capacity refusal in MySQL's words: 1040 too many connections, or Vitess "resource exhausted".</summary>
    public static string? ThrottleCause(Exception e)
    {
        var m = Find(e);
        if (m is null) return null;
        if (m.Number == TooManyConnections) return $"MySQL {TooManyConnections} Too many connections ({m.Message})";
        if (m.Number == TooManyUserConnections || m.Message.Contains("resource exhausted", StringComparison.OrdinalIgnoreCase)
                                               || m.Message.Contains("ResourceExhausted", StringComparison.Ordinal))
            return $"Vitess resource exhausted: MySQL {m.Number} ({m.Message})";
        return null;
    }

    /// <summary>The server cannot be used at all: refused or dropped connections, bad credentials, missing database.</summary>
    public static bool IsUnavailable(Exception e)
    {
        var m = Find(e);
        if (m is null) return HasSocketFailure(e) || e is TimeoutException;
        return m.Number is UnableToConnect or AccessDenied or UnknownDatabase or ServerGone or LostConnection
               || (m.Number is 0 or -1 && HasSocketFailure(m));
    }

    public static bool IsUniqueViolation(Exception e) => Find(e)?.Number == DuplicateKey;

    /// <summary>
    /// A value strict mode refused instead of truncating it (validation in Core should have caught it first):
    /// the column named in the message, or null when it is not such an error.
    /// </summary>
    public static string? RejectedColumn(Exception e)
    {
        var m = Find(e);
        if (m is null || m.Number is not (DataTooLong or OutOfRange or IncorrectStringValue)) return null;
        var start = m.Message.IndexOf("column '", StringComparison.Ordinal);
        if (start < 0) return "value";
        start += "column '".Length;
        var end = m.Message.IndexOf('\'', start);
        return end > start ? m.Message[start..end] : "value";
    }
}
