namespace Dashboard.Providers.DynamoDb.Model;

/// <summary>
/// Write sharding of the order listings (the seed's advice against hot partitions): one status, or all orders,
/// under a single partition key would put every order write of the tenant on one index partition (about 1,000
/// writes/s each). Each order lives in shard <c>hash(id) mod Count</c> for good, so its key is
/// <c>STATUS#Pending#2</c> in <c>OrdersByStatus</c> and <c>ORDERS#2</c> in <c>OrdersByTime</c>; a listing queries
/// every shard and merges them by id. The count is part of every page token, so changing it restarts old links.
/// </summary>
internal static class OrderShards
{
    public const int Count = 4;

    /// <summary>FNV-1a over the id: stable across processes and versions, unlike string.GetHashCode.</summary>
    public static int Of(string orderId)
    {
        var hash = 2166136261u;
        foreach (var c in orderId)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return (int)(hash % Count);
    }

    public static string StatusKey(OrderStatus status, int shard) => $"STATUS#{status}#{shard}";

    public static string AllKey(int shard) => $"ORDERS#{shard}";
}
