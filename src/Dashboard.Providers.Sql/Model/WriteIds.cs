namespace Dashboard.Providers.Sql.Model;

/// <summary>
/// Every write stores the id of the store call that made it (<c>write_id</c> on users and orders). A call
/// draws its id once, before the execution strategy's first attempt, so a replay of that call carries the same
/// id: "my earlier attempt already committed" is then "the row carries my write id". A version and a timestamp
/// cannot say it, because two writers in the same millisecond produce the same pair. Rows written before write
/// ids existed carry null.
/// </summary>
internal static class WriteIds
{
    /// <summary>32 hex digits (a random GUID): ASCII, fixed length.</summary>
    public const int Length = 32;

    public static string New() => Guid.NewGuid().ToString("N");
}
