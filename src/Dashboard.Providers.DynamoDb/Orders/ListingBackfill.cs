namespace Dashboard.Providers.DynamoDb.Orders;

/// <summary>
/// A table made before the tenant-wide order listings has order items without their index keys, so the new
/// indexes would not show them. At start (with the schema), once per table: every such order gets its keys,
/// then the counters are counted, then a marker item says it is done. A scan, but a one-time migration, never a page.
/// </summary>
internal static class ListingBackfill
{
    /// <param name="pages">Reads the marker: one small read at every start, on the page client's quick retries. On the bulk
    /// client's adaptive mode, a heavily throttled table slowed the client's own send rate until the check outlasted a
    /// caller's patience (the load tool's schema step at a 0.9 throttle share).</param>
    /// <param name="db">The scan and the updates of the one-time backfill: the bulk client, for its patience.</param>
    public static async Task EnsureAsync(IAmazonDynamoDB pages, IAmazonDynamoDB db, string table, CancellationToken ct)
    {
        var marker = await pages.GetItemAsync(new GetItemRequest { TableName = table, Key = TableLayout.ListingsReadyKey(), ConsistentRead = true }, ct);
        if (marker.Item is { Count: > 0 }) return;

        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await db.ScanAsync(new ScanRequest
            {
                TableName = table,
                FilterExpression = "#t = :order AND attribute_not_exists(#ss)",
                ProjectionExpression = "PK, SK, #oid, #st",
                ExpressionAttributeNames = new()
                {
                    ["#t"] = ItemNames.Type, ["#ss"] = TableLayout.StatusShard, ["#oid"] = ItemNames.OrderId, ["#st"] = ItemNames.Status,
                },
                ExpressionAttributeValues = new() { [":order"] = new(ItemNames.OrderType) },
                ExclusiveStartKey = start,
                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            }, ct);
            CapacityMeter.Read(page.ConsumedCapacity);
            foreach (var order in page.Items ?? [])
            {
                var id = order[ItemNames.OrderId].S;
                var shard = OrderShards.Of(id);
                try
                {
                    await db.UpdateItemAsync(new UpdateItemRequest
                    {
                        TableName = table,
                        Key = TableLayout.Key(order[TableLayout.PK].S, order[TableLayout.SK].S),
                        // Only where still missing: an order rewritten meanwhile already has the keys of its status.
                        ConditionExpression = "attribute_exists(PK) AND attribute_not_exists(#ss)",
                        UpdateExpression = "SET #ss = :ss, #os = :os",
                        ExpressionAttributeNames = new() { ["#ss"] = TableLayout.StatusShard, ["#os"] = TableLayout.OrderShard },
                        ExpressionAttributeValues = new()
                        {
                            [":ss"] = new(OrderShards.StatusKey(Enum.Parse<OrderStatus>(order[ItemNames.Status].S), shard)),
                            [":os"] = new(OrderShards.AllKey(shard)),
                        },
                    }, ct);
                }
                catch (ConditionalCheckFailedException)
                {
                }
            }
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        await OrderCounters.RecountAsync(db, table, ct);
        await db.PutItemAsync(new PutItemRequest { TableName = table, Item = TableLayout.ListingsReadyKey() }, ct);
    }
}
