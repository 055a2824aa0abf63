namespace Dashboard.Providers.DynamoDb.Orders;

/// <summary>
/// A tenant's orders newest first from the sharded indexes (<see cref="OrderShards"/>): one Query per shard,
/// merged by id (ids are ULIDs, unique and time-ordered across shards). Shards are read lazily: a few items
/// each at first, and a shard is read again only when the merge has used up what it gave, so a page costs
/// about its own size in reads, not size × shards. The page token carries each shard's position (the last id
/// the listing took from it, or that it is exhausted), so the next page continues every shard exactly there.
/// A creation window is a range on the id in the key condition, never a filter.
/// </summary>
internal sealed class ShardedOrderListing(IAmazonDynamoDB db, string table)
{
    private IAmazonDynamoDB Db => db;

    /// <summary>Per shard: the last id shown from it (null: none yet) and whether it has nothing more.</summary>
    private sealed record ShardPositions(string?[] After, bool[] Done);

    public async Task<Page<Order>> ReadAsync(OrderQuery query, PageRequest page, CancellationToken ct)
    {
        // The shard count is in the position: a token from a table sharded otherwise has the wrong length, and is refused.
        var listing = Listing.TenantOrders(query);
        var start = listing.Resume<ShardPositions>(page) is { } resumed ? Checked(resumed) : Fresh();
        var shards = Enumerable.Range(0, OrderShards.Count)
            .Select(k => new ShardReader(this, query, k, start.After[k], start.Done[k]))
            .ToArray();

        // Everyone starts with a share of the page; the merge asks a shard for more only when it runs dry.
        var share = Listing.FetchSize(page) / OrderShards.Count + 2;
        await Task.WhenAll(shards.Select(s => s.FillAsync(share, ct)));

        var taken = new List<(Order Order, int Shard)>(Listing.FetchSize(page));
        while (taken.Count <= page.Size)
        {
            foreach (var shard in shards.Where(s => s.NeedsMore))
                await shard.FillAsync(Listing.FetchSize(page) - taken.Count, ct);
            var next = shards.Where(s => s.HasHead).MaxBy(s => s.Head!.Id, StringComparer.Ordinal);
            if (next is null) break;
            taken.Add((next.Take(), next.Number));
        }

        var items = taken.Take(page.Size).Select(t => t.Order).ToList();
        if (taken.Count <= page.Size) return new Page<Order>(items, null);
        // Where each shard continues: after the last id this page showed from it; a shard that is exhausted and
        // fully shown is done. Items read but not shown are read again next time (the price of lazy reading).
        // A shard that showed nothing here continues below the page's last id like the others: everything it
        // holds above that was written after this page was read, and belongs to no later page of this listing.
        var after = Enumerable.Repeat<string?>(items[^1].Id, OrderShards.Count).ToArray();
        foreach (var (order, shard) in taken.Take(page.Size)) after[shard] = order.Id;
        var done = shards.Select(s => s.Exhausted && s.BufferedCount == 0 && taken[^1].Shard != s.Number).ToArray();
        return new Page<Order>(items, listing.ContinueAfter(new ShardPositions(after, done)));
    }

    private static ShardPositions Fresh() => new(new string?[OrderShards.Count], new bool[OrderShards.Count]);

    /// <summary>A token from the right listing but with positions that are not ids is a mangled link.</summary>
    private static ShardPositions Checked(ShardPositions p)
    {
        if (p.After is not { Length: OrderShards.Count } || p.Done is not { Length: OrderShards.Count }
            || p.After.Any(id => id is not null && !UlidGenerator.IsValid(id)))
            throw ContinuationToken.NotValid();
        return p;
    }

    /// <summary>One shard's items in id order, fetched in batches as the merge needs them.</summary>
    private sealed class ShardReader(ShardedOrderListing listing, OrderQuery query, int number, string? after, bool done)
    {
        private readonly Queue<Order> _buffer = new();
        private string? _lastRead = after;

        public int Number => number;
        public bool Exhausted { get; private set; } = done;
        public bool HasHead => _buffer.Count > 0;
        public Order? Head => _buffer.TryPeek(out var o) ? o : null;
        public int BufferedCount => _buffer.Count;
        public bool NeedsMore => _buffer.Count == 0 && !Exhausted;

        public Order Take() => _buffer.Dequeue();

        public async Task FillAsync(int wanted, CancellationToken ct)
        {
            if (Exhausted || wanted <= 0) return;
            var request = listing.Request(query, number, _lastRead, wanted);
            if (request is null)
            {
                Exhausted = true;
                return;
            }
            var response = await listing.Db.QueryAsync(request, ct);
            CapacityMeter.Read(response.ConsumedCapacity);
            foreach (var item in response.Items ?? []) _buffer.Enqueue(item.ToOrder());
            if (_buffer.Count > 0) _lastRead = response.Items![^1][ItemNames.OrderId].S;
            // Fewer than asked, and DynamoDB says there is no more (no LastEvaluatedKey): this shard is done.
            if (response.LastEvaluatedKey is not { Count: > 0 }) Exhausted = true;
        }
    }

    /// <summary>
    /// The Query for one shard below <paramref name="after"/> (exclusive) and inside the window: the id range is the
    /// key condition (BETWEEN with the predecessor of the exclusive bound); null when the range is empty.
    /// </summary>
    private QueryRequest? Request(OrderQuery query, int shard, string? after, int limit)
    {
        var (index, hash, key) = query.Status is { } status
            ? (TableLayout.OrdersByStatus, TableLayout.StatusShard, OrderShards.StatusKey(status, shard))
            : (TableLayout.OrdersByTime, TableLayout.OrderShard, OrderShards.AllKey(shard));
        var below = (after, query.IdBelow) switch
        {
            (null, var b) => b,
            (var a, null) => a,
            (var a, var b) => string.CompareOrdinal(a, b) < 0 ? a : b,
        };
        var highest = below is null ? null : UlidBounds.Before(below);
        if (below is not null && highest is null) return null;
        var lowest = query.MinId;
        if (lowest is not null && highest is not null && string.CompareOrdinal(lowest, highest) > 0) return null;

        var values = new Dictionary<string, AttributeValue> { [":k"] = new(key) };
        string condition;
        if (lowest is not null && highest is not null)
        {
            condition = "#k = :k AND #id BETWEEN :lo AND :hi";
            values[":lo"] = new(lowest);
            values[":hi"] = new(highest);
        }
        else if (highest is not null)
        {
            condition = "#k = :k AND #id <= :hi";
            values[":hi"] = new(highest);
        }
        else if (lowest is not null)
        {
            condition = "#k = :k AND #id >= :lo";
            values[":lo"] = new(lowest);
        }
        else condition = "#k = :k";

        return new QueryRequest
        {
            TableName = table,
            IndexName = index,
            KeyConditionExpression = condition,
            // DynamoDB refuses a name the expression does not use.
            ExpressionAttributeNames = condition.Contains("#id")
                ? new() { ["#k"] = hash, ["#id"] = ItemNames.OrderId }
                : new() { ["#k"] = hash },
            ExpressionAttributeValues = values,
            ScanIndexForward = false,
            Limit = limit,
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        };
    }
}
