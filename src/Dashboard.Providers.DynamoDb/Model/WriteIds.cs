namespace Dashboard.Providers.DynamoDb.Model;

/// <summary>
/// Every write stores the id of the store call that made it (<c>WriteId</c> on user and order items). A call draws
/// its id once and the SDK sends its retries of that call unchanged, so when a retry fails its condition because
/// an earlier attempt was applied but its answer was lost, "that earlier attempt was mine" is "the stored item
/// carries my write id and the version I wrote". A version and a timestamp cannot say it: two writers in the same
/// millisecond write the same pair. Items written before write ids existed carry none, so they are never "mine".
/// </summary>
internal static class WriteIds
{
    /// <summary>32 hex digits (a random GUID), the same shape as the other providers' write ids.</summary>
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// Whether <paramref name="stored"/>, the item DynamoDB returned with a failed condition (ALL_OLD), is
    /// <paramref name="written"/> itself, applied by an earlier attempt of the same call.
    /// </summary>
    public static bool IsOwnWrite(Dictionary<string, AttributeValue>? stored, Dictionary<string, AttributeValue> written) =>
        stored is not null
        && stored.TryGetValue(ItemNames.WriteId, out var id) && id.S == written[ItemNames.WriteId].S
        && stored.TryGetValue(ItemNames.Version, out var version) && version.N == written[ItemNames.Version].N;
}
