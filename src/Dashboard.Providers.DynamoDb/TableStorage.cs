namespace Dashboard.Providers.DynamoDb;

/// <summary>
/// The bytes DynamoDB bills storage for: the table's <c>TableSizeBytes</c> plus each secondary index's
/// <c>IndexSizeBytes</c>. Index storage is billed on top of the table (index key, projected attributes and
/// 100 bytes of overhead per index item: DynamoDB Developer Guide, global secondary indexes, "Storage
/// considerations"). AWS refreshes both figures about every six hours; DynamoDB Local counts them on the spot,
/// slowly on big tables, so this is asked only in the background (Core's StorageSizes), never on a page path.
/// </summary>
internal static class TableStorage
{
    public static async Task<long> BytesAsync(IAmazonDynamoDB client, string tableName, CancellationToken ct)
    {
        var table = (await client.DescribeTableAsync(tableName, ct)).Table;
        return (table.TableSizeBytes ?? 0)
               + (table.GlobalSecondaryIndexes ?? []).Sum(i => i.IndexSizeBytes ?? 0)
               + (table.LocalSecondaryIndexes ?? []).Sum(i => i.IndexSizeBytes ?? 0);
    }
}
