namespace Dashboard.Providers.DynamoDb.Orders;

/// <summary>
/// Orders per status, maintained: one counters item per shard (<c>ORDERCOUNTS#k</c>) whose attributes are the
/// statuses. An order insert or status change adds to its shard's item in the same transaction as the order,
/// so the counters never miss a single write, and a shard's item takes only that shard's writes (no hot key).
/// Reading is one BatchGetItem of the shards' items. Bulk loads add what they changed (<see cref="BulkLoadCounters"/>);
/// the one-time backfill sets them by counting the status index, off the page path.
/// </summary>
internal static class OrderCounters
{
    public const string Source = "counters maintained with every order write";

    /// <summary>The counter change of an insert (<paramref name="from"/> null) or a status change, in the order's shard.</summary>
    public static Update Change(string table, string orderId, OrderStatus? from, OrderStatus to)
    {
        var names = new Dictionary<string, string> { ["#to"] = to.ToString() };
        var values = new Dictionary<string, AttributeValue> { [":one"] = ItemMapping.N(1) };
        var expression = "ADD #to :one";
        if (from is { } old)
        {
            names["#from"] = old.ToString();
            values[":minus"] = ItemMapping.N(-1);
            expression += ", #from :minus";
        }
        return new Update
        {
            TableName = table,
            Key = TableLayout.OrderCountersKey(OrderShards.Of(orderId)),
            UpdateExpression = expression,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
    }

    public static async Task<OrderStatusCounts> ReadAsync(IAmazonDynamoDB db, string table, CancellationToken ct)
    {
        var keys = Enumerable.Range(0, OrderShards.Count).Select(TableLayout.OrderCountersKey).ToList();
        var totals = new Dictionary<string, long>();
        var request = new BatchGetItemRequest
        {
            RequestItems = new() { [table] = new KeysAndAttributes { Keys = keys } },
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        };
        for (var round = 0; round < 5 && request.RequestItems.Count > 0; round++)
        {
            if (round > 0) await Task.Delay(50 << round, ct);
            var response = await db.BatchGetItemAsync(request, ct);
            foreach (var capacity in response.ConsumedCapacity ?? []) CapacityMeter.Read(capacity);
            foreach (var item in response.Responses?.GetValueOrDefault(table) ?? [])
                foreach (var status in Enum.GetNames<OrderStatus>())
                    if (item.TryGetValue(status, out var n) && long.TryParse(n.N, out var value))
                        totals[status] = totals.GetValueOrDefault(status) + value;
            request.RequestItems = response.UnprocessedKeys ?? [];
        }
        return OrderStatusCounts.From(totals, Source);
    }

    /// <summary>
    /// Sets every shard's counters from the status index (Select COUNT per status and shard): once when the
    /// counters are first created, or to set them right after drift. Reads the whole index: not a page path.
    /// </summary>
    public static async Task RecountAsync(IAmazonDynamoDB db, string table, CancellationToken ct)
    {
        for (var shard = 0; shard < OrderShards.Count; shard++)
        {
            var item = TableLayout.OrderCountersKey(shard);
            foreach (var status in Enum.GetValues<OrderStatus>())
                item[status.ToString()] = ItemMapping.N(await CountAsync(db, table, OrderShards.StatusKey(status, shard), ct));
            var put = await db.PutItemAsync(new PutItemRequest { TableName = table, Item = item, ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL }, ct);
            CapacityMeter.Write(put.ConsumedCapacity);
        }
    }

    private static async Task<long> CountAsync(IAmazonDynamoDB db, string table, string key, CancellationToken ct)
    {
        long count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await db.QueryAsync(new QueryRequest
            {
                TableName = table,
                IndexName = TableLayout.OrdersByStatus,
                KeyConditionExpression = "#k = :k",
                ExpressionAttributeNames = new() { ["#k"] = TableLayout.StatusShard },
                ExpressionAttributeValues = new() { [":k"] = new(key) },
                Select = Select.COUNT,
                ExclusiveStartKey = start,
                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            }, ct);
            CapacityMeter.Read(response.ConsumedCapacity);
            count += response.Count ?? 0;
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return count;
    }
}
