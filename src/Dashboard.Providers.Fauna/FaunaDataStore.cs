using Dashboard.Core.Paging;
using Dashboard.Core.Validation;
using Dashboard.Providers.Fauna.Live;
using Dashboard.Providers.Fauna.Model;

namespace Dashboard.Providers.Fauna;

/// <summary>
/// One tenant's users and orders in Fauna (collections <c>User</c> and <c>Order</c>, see <see cref="Schema"/>).
/// Each operation is one query, so one transaction: writes compare our <c>version</c> inside the query and
/// <c>abort</c> when it moved; an order's status, items and total are replaced together. Pages are Fauna
/// cursors over an index range, wrapped in our token whose kind names the listing (<see cref="Listing"/>).
/// Storage size comes from the endpoint's storage figure for the secret's database (FaunaLocal's <c>/storage/1</c>).
/// </summary>
public sealed class FaunaDataStore : IDataStore, IStorageSizeReporter, IChangeFeed
{
    private const string Stale = "stale";
    private const string Missing = "missing";

    private readonly FaunaCall _call;

    private readonly FaunaChangeFeed _feed;

    public FaunaDataStore(TenantDescriptor tenant, FaunaClient client)
    {
        _call = new FaunaCall(tenant.Id, client);
        _feed = new FaunaChangeFeed(_call, client);
    }

    /// <summary>Event streams of the target's event source (<see cref="FaunaChangeFeed"/>).</summary>
    public IAsyncEnumerable<DataChange> WatchAsync(WatchTarget target, string? after, IChangeFeedReads reads, CancellationToken ct) =>
        _feed.WatchAsync(target, after, reads, ct);

    /// <summary>Where a listing continues: Fauna's own cursor (its length is Fauna's business, often a few hundred bytes).</summary>
    private sealed record FaunaCursor(string After);

    public async Task<Page<User>> ListUsersAsync(UserQuery query, PageRequest page, CancellationToken ct)
    {
        var (items, next) = await PageAsync("list_users", Listing.Users(query), UserListings.For(query.Field, query.NormalizedPrefix), page, ct);
        return new Page<User>(items.Select(d => d.ToUser()).ToList(), next);
    }

    public async Task<User?> GetUserAsync(string id, CancellationToken ct) =>
        (await _call.QueryAsync("get_user", Fql.Of($$"""User.byUlid({{id}}).first()"""), ct) as FaunaDocument)?.ToUser();

    public async Task<User?> FindUserByEmailAsync(string email, CancellationToken ct) =>
        (await _call.QueryAsync("find_user_by_email", Fql.Of($$"""User.byEmail({{email}}).first()"""), ct) as FaunaDocument)?.ToUser();

    public async Task InsertUserAsync(User user, CancellationToken ct)
    {
        // An id already there is this call's own earlier attempt whose answer was lost: done.
        var insert = Fql.Of($$"""
            if (User.byUlid({{user.Id}}).isEmpty()) User.create({{user.ToFields(NewWriteId())}}) { ulid } else null
            """);
        try
        {
            await _call.QueryAsync("insert_user", insert, ct);
        }
        catch (FaunaException e) when (e.FailedConstraintOn("email"))
        {
            throw UserRules.EmailTaken();
        }
        catch (FaunaException e) when (e.FailedConstraintOn("ulid"))
        {
            // A concurrent replay of the same insert won: the user is stored.
        }
    }

    public async Task UpdateUserAsync(User user, User current, CancellationToken ct)
    {
        var expectedVersion = current.Version;
        var writeId = NewWriteId();
        var update = Fql.Of($$"""
            let doc = User.byUlid({{user.Id}}).first()
            if (doc == null) abort({ code: "missing" })
            if (doc!.writeId == {{writeId}}) null
            else if (doc!.version != {{expectedVersion}}) abort({ code: "stale", version: doc!.version })
            else doc!.replace({{user.ToFields(writeId)}}) { ulid }
            """);
        try
        {
            await UpdateAsync("update_user", update, "User", user.Id, expectedVersion, ct);
        }
        catch (FaunaException e) when (e.FailedConstraintOn("email"))
        {
            throw UserRules.EmailTaken();
        }
    }

    public async Task<Page<Order>> ListOrdersAsync(string userId, PageRequest page, CancellationToken ct)
    {
        var (items, next) = await PageAsync("list_orders", Listing.OrdersOf(userId), Fql.Of($$"""Order.byUser({{userId}})"""), page, ct);
        return new Page<Order>(items.Select(d => d.ToOrder()).ToList(), next);
    }

    public async Task<Order?> GetOrderAsync(string id, CancellationToken ct) =>
        (await _call.QueryAsync("get_order", Fql.Of($$"""Order.byUlid({{id}}).first()"""), ct) as FaunaDocument)?.ToOrder();

    public async Task<Page<Order>> ListTenantOrdersAsync(OrderQuery query, PageRequest page, CancellationToken ct)
    {
        var set = query.Status is { } status ? Fql.Of($$"""Order.byStatus({{status.ToString()}})""") : Fql.Of($$"""Order.newestFirst()""");
        // FaunaLocal has no range arguments on index lookups (Fauna's { from, to }), so a window filters the
        // index entries in order: it reads past the window's newer end, and at most to the index end below it.
        if (query.MinId is not null || query.IdBelow is not null)
        {
            var min = query.MinId ?? "";
            var below = query.IdBelow ?? "~";
            set = Fql.Of($$"""{{set}}.where(o => o.ulid >= {{min}} && o.ulid < {{below}})""");
        }
        var (items, next) = await PageAsync("list_tenant_orders", Listing.TenantOrders(query), set, page, ct);
        return new Page<Order>(items.Select(d => d.ToOrder()).ToList(), next);
    }

    public async Task<OrderStatusCounts> CountOrdersByStatusAsync(CancellationToken ct)
    {
        var rows = await _call.QueryAsync("count_orders_by_status", OrderCounts.Read(), ct) as IReadOnlyList<object?> ?? [];
        return OrderStatusCounts.From(rows.OfType<IReadOnlyDictionary<string, object?>>()
            .Select(r => KeyValuePair.Create(r["key"] as string ?? "", r["n"] is long n ? n : Convert.ToInt64(r["n"]))), OrderCounts.Source);
    }

    public async Task InsertOrderAsync(Order order, CancellationToken ct)
    {
        // The order and its status counter in one query, so in one transaction.
        var insert = Fql.Of($$"""
            if (Order.byUlid({{order.Id}}).isEmpty()) {
              Order.create({{order.ToFields(NewWriteId())}})
              {{OrderCounts.Add(order.Status.ToString(), 1)}}
            } else null
            """);
        try
        {
            await _call.QueryAsync("insert_order", insert, ct);
        }
        catch (FaunaException e) when (e.FailedConstraintOn("ulid"))
        {
            // A concurrent replay of the same insert won: the order is stored.
        }
    }

    public async Task UpdateOrderAsync(Order order, Order current, CancellationToken ct)
    {
        var expectedVersion = current.Version;
        // Status, items and total are fields of one document: one replace in one query is one transaction.
        var writeId = NewWriteId();
        var status = order.Status.ToString();
        var update = Fql.Of($$"""
            let doc = Order.byUlid({{order.Id}}).first()
            if (doc == null) abort({ code: "missing" })
            if (doc!.writeId == {{writeId}}) null
            else if (doc!.version != {{expectedVersion}}) abort({ code: "stale", version: doc!.version })
            else {
              let old = doc!.status
              doc!.replace({{order.ToFields(writeId)}})
              if (old != {{status}}) {
                let previous = OrderCount.byKey(old).first()
                if (previous != null) previous!.update({ n: previous!.n - 1 })
                {{OrderCounts.Add(status, 1)}}
              }
              null
            }
            """);
        await UpdateAsync("update_order", update, "Order", order.Id, expectedVersion, ct);
    }

    /// <summary>Runs a conditional update whose query aborts "missing" (no such document) or "stale" (another version).</summary>
    private async Task UpdateAsync(string action, Query update, string entity, string id, long expectedVersion, CancellationToken ct)
    {
        try
        {
            await _call.QueryAsync(action, update, ct);
        }
        catch (FaunaException e) when (e.AbortCode == Missing)
        {
            throw new NotFoundException(entity, id);
        }
        catch (FaunaException e) when (e.AbortCode == Stale)
        {
            throw new ConflictException(entity, id, expectedVersion);
        }
    }

    public async Task PingAsync(CancellationToken ct)
    {
        if (await _call.QueryAsync("ping", Schema.Exists(), ct) is not true)
            throw new BackendUnavailableException(_call.TenantId, FaunaStoreProvider.Product,
                $"the User and Order collections are missing (set Tenants:{_call.TenantId}:Settings:CreateSchema to create them)");
    }

    public Task<long?> StorageBytesAsync(CancellationToken ct) => _call.StorageBytesAsync(ct);

    public async Task EnsureSchemaAsync(CancellationToken ct)
    {
        await _call.QueryAsync("ensure_schema", Schema.Ensure(), ct);
        // Counters start from what is there (a database from before them, or an empty one).
        if (await _call.QueryAsync("ensure_schema", Schema.CountersMissing(), ct) is true)
            await _call.QueryAsync("ensure_schema", OrderCounts.Recount(), ct);
    }

    /// <summary>Documents per query: well inside Fauna's 16 MB query and 12,000 compute ops per transaction.</summary>
    internal const int BulkBatchSize = 100;

    public async Task BulkLoadAsync(IReadOnlyList<User> users, IReadOnlyList<Order> orders, CancellationToken ct)
    {
        // Insert-if-absent by our id: running a load again (or after an interruption) adds only what is missing
        // and leaves what people have edited since alone.
        var writeId = NewWriteId();
        foreach (var batch in users.Chunk(BulkBatchSize))
        {
            var docs = batch.Select(u => u.ToFields(writeId)).ToList();
            await BulkAsync(Fql.Of($$"""
                {{docs}}.forEach(d => if (User.byUlid(d.ulid).isEmpty()) User.create(d) else null)
                """), ct);
        }
        foreach (var batch in orders.Chunk(BulkBatchSize))
        {
            var docs = batch.Select(o => o.ToFields(writeId)).ToList();
            await BulkAsync(Fql.Of($$"""
                {{docs}}.forEach(d => if (Order.byUlid(d.ulid).isEmpty()) Order.create(d) else null)
                """), ct);
        }
        // Batches create orders without counter updates: count afresh once they are all in.
        if (orders.Count > 0) await _call.QueryAsync("bulk_load", OrderCounts.Recount(), ct);
    }

    private async Task BulkAsync(Query query, CancellationToken ct)
    {
        try
        {
            await _call.QueryAsync("bulk_load", query, ct);
        }
        catch (FaunaException e) when (e.FailedConstraintOn("email"))
        {
            throw UserRules.EmailTaken();
        }
    }

    /// <summary>
    /// One page of a listing: Fauna pages the set itself (no extra row to fetch), so its cursor, when it returns
    /// one, goes into the listing's token.
    /// </summary>
    private async Task<(List<FaunaDocument> Items, string? Next)> PageAsync(string action, Listing listing, Query set, PageRequest page, CancellationToken ct)
    {
        var after = listing.Resume<FaunaCursor>(page)?.After;
        var query = after is null
            ? Fql.Of($$"""{{set}}.pageSize({{page.Size}})""")
            : Fql.Of($$"""Set.paginate({{after}}, {{page.Size}})""");
        object? data;
        try
        {
            data = await _call.QueryAsync(action, query, ct);
        }
        catch (FaunaException e) when (after is not null && e.Status == 400 && e.Code is "invalid_argument" or "invalid_cursor" or "invalid_request")
        {
            throw ContinuationToken.NotValid();
        }
        var result = FaunaPage.From(data);
        var items = result.Data.Select(d => d as FaunaDocument ?? throw new FaunaProtocolException($"A page held {FaunaPage.Describe(d)}, not a document.")).ToList();
        var next = result.After is null ? null : listing.ContinueAfter(new FaunaCursor(result.After));
        return (items, next);
    }

    private static string NewWriteId() => Guid.NewGuid().ToString("N");
}
