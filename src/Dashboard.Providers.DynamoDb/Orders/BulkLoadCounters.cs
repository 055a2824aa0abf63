namespace Dashboard.Providers.DynamoDb.Orders;

/// <summary>
/// Keeps the status counters right across a bulk load, whose BatchWriteItem puts carry no counter updates. Before
/// the write it reads the stored status of every loaded order's key (a repeated load rewrites items, maybe with
/// another status); after it, it adds the difference to the touched shards' counters in one transaction. The cost
/// follows the batch (one strongly consistent read per order, one counter transaction per load), not the table.
/// When the write fails part-way, the difference is taken against what is stored then, so a retried load starts
/// from counters that match its items; a batch whose answer was lost after it landed is stored then, so a repeated
/// load counts it once.
/// Caveats: the load is not isolated from other writers. A status change by a live write to one of the loaded
/// orders between the read and the write is overwritten by the load while its counter move stays, so the
/// counters drift by it; so does a batch that DynamoDB applies only after its answer was lost and after the repair
/// read (the retry then finds it stored and counts nothing for it), a process killed between the write and the
/// counter transaction, or a failed load whose repair cannot reach DynamoDB. Bulk loads feed a migration target
/// that is not live yet and demo seeding. <see cref="OrderCounters.RecountAsync"/> sets the counters right again:
/// a migration runs it on its target after the last load, before verifying.
/// </summary>
internal sealed class BulkLoadCounters(IAmazonDynamoDB db, string table)
{
    private const int KeysPerRead = 100;
    private const int Parallelism = 4;
    private const int MaxRounds = 10;
    private static readonly TimeSpan RepairTime = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="write"/> (which puts <paramref name="orders"/>) and moves the counters by what it changed.</summary>
    public async Task WriteCountedAsync(IReadOnlyList<Order> orders, Func<Task> write, CancellationToken ct)
    {
        if (orders.Count == 0)
        {
            await write();
            return;
        }
        RejectRepeatedOrders(orders);
        var before = await StoredStatusesAsync(orders, ct);
        try
        {
            await write();
        }
        catch (Exception)
        {
            // Some batches may have landed: count what is stored now. A failed repair leaves the counters off
            // (see the caveats); the load's own failure is the one to report.
            try
            {
                using var repair = new CancellationTokenSource(RepairTime);
                await AddAsync(before, await StoredStatusesAsync(orders, repair.Token), repair.Token);
            }
            catch (Exception)
            {
            }
            throw;
        }
        await AddAsync(before, orders.ToDictionary(o => (o.UserId, o.Id), o => o.Status), ct);
    }

    /// <summary>Two puts of one key in one load would land in an unknown order (batches run in parallel).</summary>
    private static void RejectRepeatedOrders(IReadOnlyList<Order> orders)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var order in orders)
            if (!seen.Add((order.UserId, order.Id)))
                throw new ValidationException(new Dictionary<string, string[]>
                {
                    ["orders"] = [$"Order {order.Id} appears more than once in one bulk load."],
                });
    }

    /// <summary>The stored status of each order key that exists (BatchGetItem, 100 keys a request, a few in flight).</summary>
    private async Task<Dictionary<(string UserId, string OrderId), OrderStatus>> StoredStatusesAsync(IReadOnlyList<Order> orders, CancellationToken ct)
    {
        var found = new Dictionary<(string, string), OrderStatus>();
        await Parallel.ForEachAsync(orders.Chunk(KeysPerRead), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (chunk, token) =>
            {
                var items = await ReadChunkAsync(chunk.Select(o => TableLayout.OrderKey(o.UserId, o.Id)).ToList(), token);
                lock (found)
                    foreach (var item in items)
                        found[(item[ItemNames.UserId].S, item[ItemNames.OrderId].S)] = Enum.Parse<OrderStatus>(item[ItemNames.Status].S);
            });
        return found;
    }

    private async Task<List<Dictionary<string, AttributeValue>>> ReadChunkAsync(List<Dictionary<string, AttributeValue>> keys, CancellationToken ct)
    {
        var items = new List<Dictionary<string, AttributeValue>>(keys.Count);
        var pending = new KeysAndAttributes
        {
            Keys = keys, ConsistentRead = true,
            ProjectionExpression = "#uid, #oid, #s",
            ExpressionAttributeNames = new() { ["#uid"] = ItemNames.UserId, ["#oid"] = ItemNames.OrderId, ["#s"] = ItemNames.Status },
        };
        for (var round = 0; pending.Keys is { Count: > 0 }; round++)
        {
            if (round > MaxRounds)
                throw new InvalidOperationException($"BatchGetItem left {pending.Keys.Count} keys unprocessed after {MaxRounds} retries.");
            if (round > 0) await Task.Delay(Random.Shared.Next(25, 50) << Math.Min(round, 7), ct);
            var response = await db.BatchGetItemAsync(new BatchGetItemRequest
            {
                RequestItems = new() { [table] = pending }, ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            }, ct);
            foreach (var capacity in response.ConsumedCapacity ?? []) CapacityMeter.Read(capacity);
            items.AddRange(response.Responses?.GetValueOrDefault(table) ?? []);
            var left = response.UnprocessedKeys?.GetValueOrDefault(table);
            pending.Keys = left?.Keys ?? [];
        }
        return items;
    }

    /// <summary>Adds after − before per shard and status, all touched shards in one transaction (atomic: all or none).</summary>
    private async Task AddAsync(
        Dictionary<(string UserId, string OrderId), OrderStatus> before, Dictionary<(string UserId, string OrderId), OrderStatus> after, CancellationToken ct)
    {
        var delta = new long[OrderShards.Count, Enum.GetValues<OrderStatus>().Length];
        foreach (var ((_, orderId), status) in before) delta[OrderShards.Of(orderId), (int)status]--;
        foreach (var ((_, orderId), status) in after) delta[OrderShards.Of(orderId), (int)status]++;
        var updates = Enumerable.Range(0, OrderShards.Count)
            .Select(shard => ShardUpdate(shard, Enum.GetValues<OrderStatus>().Where(s => delta[shard, (int)s] != 0).ToDictionary(s => s, s => delta[shard, (int)s])))
            .OfType<Update>()
            .Select(update => new TransactWriteItem { Update = update })
            .ToList();
        if (updates.Count == 0) return;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // The token makes the SDK's resend of a transaction whose answer was lost a no-op, not a second add.
                var response = await db.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems = updates, ClientRequestToken = Guid.NewGuid().ToString(), ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                }, ct);
                foreach (var capacity in response.ConsumedCapacity ?? []) CapacityMeter.Write(capacity);
                return;
            }
            catch (TransactionCanceledException) when (attempt < MaxRounds)
            {
                // Only a collision with another counter write in flight cancels an unconditional ADD: try again.
                await Task.Delay(Random.Shared.Next(20, 60) << Math.Min(attempt, 5), ct);
            }
        }
    }

    private Update? ShardUpdate(int shard, Dictionary<OrderStatus, long> changes)
    {
        if (changes.Count == 0) return null;
        var names = new Dictionary<string, string>();
        var values = new Dictionary<string, AttributeValue>();
        var adds = new List<string>();
        foreach (var (status, change) in changes)
        {
            var i = (int)status;
            names[$"#s{i}"] = status.ToString();
            values[$":n{i}"] = ItemMapping.N(change);
            adds.Add($"#s{i} :n{i}");
        }
        return new Update
        {
            TableName = table, Key = TableLayout.OrderCountersKey(shard),
            UpdateExpression = "ADD " + string.Join(", ", adds),
            ExpressionAttributeNames = names, ExpressionAttributeValues = values,
        };
    }
}
