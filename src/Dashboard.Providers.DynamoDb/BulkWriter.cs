namespace Dashboard.Providers.DynamoDb;

/// <summary>
/// Loads prepared items with BatchWriteItem: 25 puts per request (the API's limit), a few requests in flight,
/// unprocessed items sent again with exponential backoff and jitter. Puts by key make a repeated load idempotent.
/// The last batch is written only after all others, so finding its items means the whole load completed.
/// </summary>
internal sealed class BulkWriter(IAmazonDynamoDB client, string tenantId, string tableName)
{
    public const int BatchSize = 25;
    private const int Parallelism = 4;
    private const int MaxUnprocessedRounds = 10;

    public async Task WriteAsync(IReadOnlyList<Dictionary<string, AttributeValue>> items, CancellationToken ct)
    {
        var batches = items.Chunk(BatchSize).ToList();
        if (batches.Count == 0) return;
        // Each batch gets the caller's token, not the loop's: a batch that fails stops new ones from starting but
        // lets those in flight finish, so when this throws nothing of the load is still on its way to the table
        // (the counters' repair reads what landed).
        await Parallel.ForEachAsync(batches.Take(batches.Count - 1), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (batch, _) => await WriteBatchAsync(batch, ct));
        await WriteBatchAsync(batches[^1], ct);
    }

    private async Task WriteBatchAsync(Dictionary<string, AttributeValue>[] batch, CancellationToken ct)
    {
        var pending = batch.Select(item => new WriteRequest { PutRequest = new PutRequest { Item = item } }).ToList();
        for (var round = 0; pending.Count > 0; round++)
        {
            if (round > 0)
            {
                if (round > MaxUnprocessedRounds)
                    throw new ThrottledException(tenantId, DynamoDbStoreProvider.Product, $"BatchWriteItem left {pending.Count} items unprocessed after {MaxUnprocessedRounds} retries");
                var cap = Math.Min(5_000, 50 * (1 << Math.Min(round, 10)));
                await Task.Delay(Random.Shared.Next(cap / 2, cap), ct);
            }
            var response = await client.BatchWriteItemAsync(new BatchWriteItemRequest
            {
                RequestItems = new() { [tableName] = pending },
                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            }, ct);
            CapacityMeter.Write(response.ConsumedCapacity);
            pending = response.UnprocessedItems is { } left && left.TryGetValue(tableName, out var rest) ? rest : [];
        }
    }
}
