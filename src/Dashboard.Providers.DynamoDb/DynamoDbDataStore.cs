using Dashboard.Core.Validation;
using Dashboard.Providers.DynamoDb.Orders;
using Dashboard.Providers.DynamoDb.Streams;
using static Dashboard.Providers.DynamoDb.Model.TableLayout;

namespace Dashboard.Providers.DynamoDb;

/// <summary>
/// One tenant's users and orders in one DynamoDB table (<see cref="TableLayout"/>). Pages are single Queries on
/// the base table or a sparse index, never a Scan; writes are conditional on the version; a user and its email
/// marker change in one transaction. Every request asks for ConsumedCapacity, reported per call. Every write stores
/// its call's write id (<see cref="WriteIds"/>): when the SDK retries a write whose first attempt was applied but whose
/// answer was lost, the retry fails its condition, and the item DynamoDB returns with that failure tells whether the
/// applied attempt was this call's.
/// </summary>
public sealed class DynamoDbDataStore : IDataStore, IStorageSizeReporter, IChangeFeed, IOrderCountRecount, IDisposable
{
    private const string ConditionalCheckFailed = "ConditionalCheckFailed";
    private const string TransactionConflict = "TransactionConflict";

    private readonly DynamoDbSettings _settings;
    private readonly DynamoClients _clients;
    private readonly DynamoCall _call;
    private readonly UserCountEstimate _userCount;
    private readonly string _table;

    public DynamoDbDataStore(TenantDescriptor tenant, DynamoDbSettings settings, TimeProvider? clock = null)
        : this(tenant, settings, clock, transport: null)
    {
    }

    /// <summary>With <paramref name="transport"/> sending the SDK's HTTP requests (tests put a network fault there).</summary>
    internal DynamoDbDataStore(TenantDescriptor tenant, DynamoDbSettings settings, TimeProvider? clock, Func<HttpMessageHandler>? transport)
    {
        _settings = settings;
        _table = settings.TableName;
        _clients = new DynamoClients(settings, transport);
        _call = new DynamoCall(tenant.Id, _table);
        _userCount = new UserCountEstimate(_clients.Pages, _table, clock ?? TimeProvider.System);
        _orders = new ShardedOrderListing(_clients.Pages, _table);
        _streams = new StreamsApi(settings);
        _feed = new DynamoChangeFeed(_clients.Pages, _streams, tenant.Id, _table);
    }

    private readonly StreamsApi _streams;
    private readonly DynamoChangeFeed _feed;

    /// <summary>The table's stream, filtered to the target (<see cref="DynamoChangeFeed"/>).</summary>
    public IAsyncEnumerable<Core.Live.DataChange> WatchAsync(Core.Live.WatchTarget target, string? after, Core.Live.IChangeFeedReads reads, CancellationToken ct) =>
        _feed.WatchAsync(target, after, reads, ct);

    private readonly ShardedOrderListing _orders;

    private IAmazonDynamoDB Db => _clients.Pages;

    /// <summary>The SDK client pages use, for benchmarks comparing the raw call with the store.</summary>
    internal IAmazonDynamoDB Client => Db;

    internal UserCountEstimate UserCount => _userCount;

    internal string TableName => _table;

    private sealed record UserPosition(string UserId, string SortKey);

    public Task<Page<User>> ListUsersAsync(UserQuery query, PageRequest page, CancellationToken ct) => _call.Run(async () =>
    {
        var prefix = query.NormalizedPrefix;
        var listing = Listing.Users(query);
        var after = listing.Resume<UserPosition>(page);
        var (index, sortAttribute) = query.Field == UserSortField.Email
            ? (UsersByEmail, ItemNames.Email)
            : (UsersByName, NameOrder);
        var request = new QueryRequest
        {
            TableName = _table,
            IndexName = index,
            KeyConditionExpression = prefix is null ? "#list = :list" : "#list = :list AND begins_with(#sort, :prefix)",
            ExpressionAttributeNames = prefix is null
                ? new() { ["#list"] = UserList }
                : new() { ["#list"] = UserList, ["#sort"] = sortAttribute },
            ExpressionAttributeValues = prefix is null
                ? new() { [":list"] = new(UserListValue) }
                : new() { [":list"] = new(UserListValue), [":prefix"] = new(prefix) },
            ExclusiveStartKey = after is null ? null : new Dictionary<string, AttributeValue>
            {
                [PK] = new(UserPk(after.UserId)), [SK] = new(ProfileSk),
                [UserList] = new(UserListValue), [sortAttribute] = new(after.SortKey),
            },
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        };
        var found = await QueryAtLeastAsync(request, Listing.FetchSize(page), isCursor: after is not null, ct);
        var estimate = prefix is null && after is null ? _userCount.Current() : null;
        return listing.Assemble(found, page, ItemMapping.ToUser,
            item => new UserPosition(item[ItemNames.UserId].S, item[sortAttribute].S), estimate);
    }, ct);

    public Task<User?> GetUserAsync(string id, CancellationToken ct) => _call.Run(() => ReadUserAsync(id, ct), ct);

    public Task<User?> FindUserByEmailAsync(string email, CancellationToken ct) => _call.Run(async () =>
    {
        // The marker is read strongly consistent (an index would be eventually consistent), then the user by key.
        var marker = await GetItemAsync(EmailMarkerKey(email), ct);
        if (marker is null) return null;
        var user = await ReadUserAsync(marker[ItemNames.UserId].S, ct);
        return user?.Email == email ? user : null;
    }, ct);

    public Task InsertUserAsync(User user, CancellationToken ct) => _call.Run(async () =>
    {
        var profile = user.ToItem(WriteIds.New());
        var marker = ItemMapping.EmailMarker(user.Email, user.Id);
        ItemGuard.Check(profile, "user");
        ItemGuard.Check(marker, "email");
        var reasons = await TransactAsync(
        [
            PutNew(profile, returnOld: true),
            PutNew(marker),
        ], ct);
        // Our profile with our write id: an earlier attempt of this call was applied (with its marker, atomically).
        if (reasons is null || WriteIds.IsOwnWrite(reasons[0].Item, profile)) return;
        if (reasons[1].Code == ConditionalCheckFailed) throw UserRules.EmailTaken();
        throw new ConflictException("User", user.Id, 0);
    }, ct);

    public Task UpdateUserAsync(User user, User current, CancellationToken ct) => _call.Run(async () =>
    {
        var profile = user.ToItem(WriteIds.New());
        ItemGuard.Check(profile, "user");
        // The caller's read of the user says which marker to give up, with no read here. The profile put is
        // conditional on that read's version, in the same transaction as the marker swap: if the user moved on
        // since, nothing is written and the answer is a conflict.
        var expectedVersion = current.Version;
        if (current.Email == user.Email)
        {
            await PutIfVersionAsync(profile, "User", user.Id, expectedVersion, ct);
            return;
        }
        var marker = ItemMapping.EmailMarker(user.Email, user.Id);
        ItemGuard.Check(marker, "email");
        var reasons = await TransactAsync(
        [
            new() { Put = VersionedPut(profile, expectedVersion) },
            new()
            {
                Delete = new Delete
                {
                    TableName = _table, Key = EmailMarkerKey(current.Email),
                    ConditionExpression = "attribute_not_exists(PK) OR #uid = :uid",
                    ExpressionAttributeNames = new() { ["#uid"] = ItemNames.UserId },
                    ExpressionAttributeValues = new() { [":uid"] = new(user.Id) },
                },
            },
            PutNew(marker),
        ], ct);
        // Our profile with our write id: an earlier attempt of this call swapped the markers too (one transaction).
        if (reasons is null || WriteIds.IsOwnWrite(reasons[0].Item, profile)) return;
        // A stale version wins over a taken email: the person must reload before anything else makes sense.
        var codes = reasons.Select(r => r.Code).ToArray();
        if (codes[0] == ConditionalCheckFailed && reasons[0].Item is not { Count: > 0 }) throw new NotFoundException("User", user.Id);
        if (codes[0] == ConditionalCheckFailed || codes[1] == ConditionalCheckFailed || codes.Contains(TransactionConflict))
            throw new ConflictException("User", user.Id, expectedVersion);
        if (codes[2] == ConditionalCheckFailed) throw UserRules.EmailTaken();
        throw new ConflictException("User", user.Id, expectedVersion);
    }, ct);

    private sealed record OrderPosition(string OrderId);

    public Task<Page<Order>> ListOrdersAsync(string userId, PageRequest page, CancellationToken ct) => _call.Run(async () =>
    {
        var listing = Listing.OrdersOf(userId);
        var after = listing.Resume<OrderPosition>(page);
        var request = new QueryRequest
        {
            TableName = _table,
            KeyConditionExpression = "PK = :pk AND begins_with(SK, :orders)",
            ExpressionAttributeValues = new() { [":pk"] = new(UserPk(userId)), [":orders"] = new(OrderSkPrefix) },
            ScanIndexForward = false,
            ExclusiveStartKey = after is null ? null : OrderKey(userId, after.OrderId),
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        };
        var found = await QueryAtLeastAsync(request, Listing.FetchSize(page), isCursor: after is not null, ct);
        return listing.Assemble(found, page, ItemMapping.ToOrder, item => new OrderPosition(item[ItemNames.OrderId].S));
    }, ct);

    public Task<Order?> GetOrderAsync(string id, CancellationToken ct) => _call.Run(async () =>
    {
        var keys = await Db.QueryAsync(new QueryRequest
        {
            TableName = _table,
            IndexName = OrdersById,
            KeyConditionExpression = "#oid = :oid",
            ExpressionAttributeNames = new() { ["#oid"] = ItemNames.OrderId },
            ExpressionAttributeValues = new() { [":oid"] = new(id) },
            Limit = 1,
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        }, ct);
        CapacityMeter.Read(keys.ConsumedCapacity);
        if (keys.Items is not [var key, ..]) return null;
        // The index is eventually consistent and holds keys only; the order itself is read strongly consistent.
        var item = await GetItemAsync(Key(key[PK].S, key[SK].S), ct);
        return item?.ToOrder();
    }, ct);

    public Task<Page<Order>> ListTenantOrdersAsync(OrderQuery query, PageRequest page, CancellationToken ct) =>
        _call.Run(() => _orders.ReadAsync(query, page, ct), ct);

    public Task<OrderStatusCounts> CountOrdersByStatusAsync(CancellationToken ct) =>
        _call.Run(() => OrderCounters.ReadAsync(Db, _table, ct), ct);

    public Task InsertOrderAsync(Order order, CancellationToken ct) => _call.Run(async () =>
    {
        var item = order.ToItem(WriteIds.New());
        ItemGuard.Check(item, "items");
        // The order and its shard's status counter in one transaction; the owner's existence is checked by the
        // service (users are never deleted).
        var reasons = await TransactAsync(
        [
            PutNew(item, returnOld: true),
            new() { Update = OrderCounters.Change(_table, order.Id, from: null, order.Status) },
        ], ct);
        if (reasons is null || WriteIds.IsOwnWrite(reasons[0].Item, item)) return;
        throw new ConflictException("Order", order.Id, 0);
    }, ct);

    public Task UpdateOrderAsync(Order order, Order current, CancellationToken ct) => _call.Run(async () =>
    {
        var expectedVersion = current.Version;
        var item = order.ToItem(WriteIds.New());
        ItemGuard.Check(item, "items");
        // The service's read says whether a counter moves; the version condition below guards the race.
        if (current.Status == order.Status)
        {
            // Items and total only: one conditional put, at half the write units of a transaction.
            await PutIfVersionAsync(item, "Order", order.Id, expectedVersion, ct);
            return;
        }
        var reasons = await TransactAsync(
        [
            new() { Put = VersionedPut(item, expectedVersion) },
            new() { Update = OrderCounters.Change(_table, order.Id, current.Status, order.Status) },
        ], ct);
        // Our item with our write id: an earlier attempt of this call was applied, counters included.
        if (reasons is null || WriteIds.IsOwnWrite(reasons[0].Item, item)) return;
        if (reasons[0].Code == ConditionalCheckFailed && reasons[0].Item is not { Count: > 0 }) throw new NotFoundException("Order", order.Id);
        throw new ConflictException("Order", order.Id, expectedVersion);
    }, ct);

    public Task PingAsync(CancellationToken ct) => _call.Run(async () =>
    {
        // A key that never exists: one cheap read that proves the endpoint answers and the table is there.
        await GetItemAsync(Key("PING", "PING"), ct, consistent: false);
    }, ct);

    /// <summary>Table plus index bytes (<see cref="TableStorage"/>); on the bulk client, whose 30 s per attempt suits a slow DescribeTable.</summary>
    public Task<long?> StorageBytesAsync(CancellationToken ct) =>
        _call.Run(async () => (long?)await TableStorage.BytesAsync(_clients.Bulk, _table, ct), ct);

    public Task EnsureSchemaAsync(CancellationToken ct) => _call.Run(async () =>
    {
        await new SchemaCreator(Db, _table).EnsureAsync(ct);
        await ListingBackfill.EnsureAsync(_clients.Pages, _clients.Bulk, _table, ct);
    }, ct);

    /// <summary>Sets the status counters from the status index (<see cref="OrderCounters.RecountAsync"/>); on the bulk client, for its patience.</summary>
    public Task RecountOrdersByStatusAsync(CancellationToken ct) => _call.Run(() => OrderCounters.RecountAsync(_clients.Bulk, _table, ct), ct);

    public Task BulkLoadAsync(IReadOnlyList<User> users, IReadOnlyList<Order> orders, CancellationToken ct) => _call.Run(async () =>
    {
        var writeId = WriteIds.New();
        var items = new List<Dictionary<string, AttributeValue>>(users.Count * 2 + orders.Count);
        foreach (var user in users)
        {
            items.Add(user.ToItem(writeId));
            items.Add(ItemMapping.EmailMarker(user.Email, user.Id));
        }
        items.AddRange(orders.Select(o => o.ToItem(writeId)));
        foreach (var item in items) ItemGuard.Check(item, item[ItemNames.Type].S == ItemNames.OrderType ? "items" : "user");
        // Batch writes carry no counter updates: the counters move by what the load changed, read around it.
        await new BulkLoadCounters(_clients.Bulk, _table).WriteCountedAsync(orders,
            () => new BulkWriter(_clients.Bulk, _call.TenantId, _table).WriteAsync(items, ct), ct);
    }, ct);

    private async Task<User?> ReadUserAsync(string id, CancellationToken ct) =>
        (await GetItemAsync(ProfileKey(id), ct))?.ToUser();

    private async Task<Dictionary<string, AttributeValue>?> GetItemAsync(Dictionary<string, AttributeValue> key, CancellationToken ct, bool consistent = true)
    {
        var response = await Db.GetItemAsync(new GetItemRequest
        {
            TableName = _table, Key = key, ConsistentRead = consistent, ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        }, ct);
        CapacityMeter.Read(response.ConsumedCapacity);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>
    /// Queries until <paramref name="wanted"/> items or the end: a response stops at 1 MB, so one may hold fewer
    /// items than asked while more exist. A start key DynamoDB refuses came from a tampered cursor.
    /// </summary>
    private async Task<List<Dictionary<string, AttributeValue>>> QueryAtLeastAsync(QueryRequest request, int wanted, bool isCursor, CancellationToken ct)
    {
        var found = new List<Dictionary<string, AttributeValue>>(wanted);
        while (true)
        {
            request.Limit = wanted - found.Count;
            QueryResponse response;
            try
            {
                response = await Db.QueryAsync(request, ct);
            }
            catch (AmazonDynamoDBException e) when (isCursor && e.ErrorCode == "ValidationException")
            {
                throw ContinuationToken.NotValid();
            }
            CapacityMeter.Read(response.ConsumedCapacity);
            found.AddRange(response.Items ?? []);
            if (found.Count >= wanted || response.LastEvaluatedKey is not { Count: > 0 }) return found;
            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
    }

    /// <summary>A put conditional on the stored version; a refusal returns the stored item (no extra read, no extra units).</summary>
    private Put VersionedPut(Dictionary<string, AttributeValue> item, long expectedVersion) => new()
    {
        TableName = _table,
        Item = item,
        ConditionExpression = "#v = :expected",
        ExpressionAttributeNames = new() { ["#v"] = ItemNames.Version },
        ExpressionAttributeValues = new() { [":expected"] = ItemMapping.N(expectedVersion) },
        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
    };

    private async Task PutIfVersionAsync(Dictionary<string, AttributeValue> item, string entity, string id, long expectedVersion, CancellationToken ct)
    {
        var put = VersionedPut(item, expectedVersion);
        try
        {
            var response = await Db.PutItemAsync(new PutItemRequest
            {
                TableName = _table, Item = put.Item, ConditionExpression = put.ConditionExpression,
                ExpressionAttributeNames = put.ExpressionAttributeNames, ExpressionAttributeValues = put.ExpressionAttributeValues,
                ReturnValuesOnConditionCheckFailure = put.ReturnValuesOnConditionCheckFailure,
                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            }, ct);
            CapacityMeter.Write(response.ConsumedCapacity);
        }
        catch (ConditionalCheckFailedException e)
        {
            // Our write id and version: the SDK's retry met the attempt of this call that DynamoDB applied.
            if (WriteIds.IsOwnWrite(e.Item, item)) return;
            if (e.Item is not { Count: > 0 }) throw new NotFoundException(entity, id);
            throw new ConflictException(entity, id, expectedVersion);
        }
        catch (TransactionConflictException)
        {
            // The item is inside another write's transaction right now: that write is the one that wins.
            throw new ConflictException(entity, id, expectedVersion);
        }
    }

    /// <summary>
    /// Runs a transaction (at most 100 items, DynamoDB's limit); returns null on success or the cancellation reason
    /// of each item (its code, "None" for an item that passed, and the stored item where ALL_OLD was asked for). A
    /// transaction that only collided with another in flight is tried once more.
    /// </summary>
    private async Task<CancellationReason[]?> TransactAsync(List<TransactWriteItem> items, CancellationToken ct)
    {
        if (items.Count > 100) throw new InvalidOperationException("A DynamoDB transaction holds at most 100 items.");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var response = await Db.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems = items, ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                }, ct);
                CapacityMeter.Write(response.ConsumedCapacity);
                return null;
            }
            catch (TransactionCanceledException e) when (DynamoCall.ThrottleCause(e) is null)
            {
                var reasons = e.CancellationReasons?.Select(r => new CancellationReason { Code = r.Code ?? "None", Item = r.Item }).ToArray() ?? [];
                if (reasons.Length != items.Count)
                    reasons = [.. Enumerable.Range(0, items.Count).Select(_ => new CancellationReason { Code = TransactionConflict })];
                var codes = reasons.Select(r => r.Code).ToArray();
                var onlyCollided = codes.All(c => c is "None" or TransactionConflict) && codes.Contains(TransactionConflict);
                if (!onlyCollided || attempt > 0) return reasons;
                await Task.Delay(Random.Shared.Next(20, 60), ct);
            }
        }
    }

    public void Dispose()
    {
        _clients.Dispose();
        _streams.Dispose();
    }

    /// <summary>A put that only creates: it fails when the key exists, and with <paramref name="returnOld"/> answers the stored item (to tell our own earlier attempt from someone else's).</summary>
    private TransactWriteItem PutNew(Dictionary<string, AttributeValue> item, bool returnOld = false) => new()
    {
        Put = new Put
        {
            TableName = _table, Item = item, ConditionExpression = "attribute_not_exists(PK)",
            ReturnValuesOnConditionCheckFailure = returnOld ? ReturnValuesOnConditionCheckFailure.ALL_OLD : ReturnValuesOnConditionCheckFailure.NONE,
        },
    };
}
