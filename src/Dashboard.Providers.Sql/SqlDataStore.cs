using Dashboard.Core.Errors;
using Dashboard.Core.Paging;
using Dashboard.Core.Validation;
using System.Runtime.CompilerServices;
using System.Text;
using Dashboard.Providers.Sql.Interception;

namespace Dashboard.Providers.Sql;

/// <summary>
/// One tenant's users and orders in a SQL database through EF Core: keyset paging (no OFFSET), writes
/// conditional on the version column, an order's row and items replaced in one transaction; each write stores its
/// call's write id (<see cref="WriteIds"/>), by which a replay recognises its own committed attempt. Every call runs
/// as one unit inside the dialect's execution strategy (a retry replays it whole, on a fresh context), and
/// every statement carries a SQLCommenter tag naming the tenant and the operation. Disposing it (the tenant's store
/// was evicted, or built for one health ping) closes its idle pooled connections.
/// </summary>
public sealed partial class SqlDataStore : IDataStore, IStorageSizeReporter, IDisposable
{
    private readonly TenantDescriptor _tenant;
    private readonly ISqlDialect _dialect;
    private readonly DbContextOptions<DashboardDbContext> _options;

    public SqlDataStore(TenantDescriptor tenant, ISqlDialect dialect)
    {
        _tenant = tenant;
        _dialect = dialect;
        var builder = new DbContextOptionsBuilder<DashboardDbContext>();
        dialect.Configure(builder);
        builder.AddInterceptors(new TagAndMeterInterceptor(tenant.Id));
        _options = builder.Options;
    }

    public void Dispose() => _dialect.ReleaseConnections();

    private sealed record UserKey(string Key, string Id);

    public Task<Page<User>> ListUsersAsync(UserQuery query, PageRequest page, CancellationToken ct) => Run(async db =>
    {
        var prefix = query.NormalizedPrefix;
        var listing = Listing.Users(query);
        var after = listing.Resume<UserKey>(page);
        var rows = db.Users.AsNoTracking();
        if (query.Field == UserSortField.Email)
        {
            if (prefix is not null) rows = rows.Where(u => u.Email.StartsWith(prefix));
            if (after is not null) rows = rows.Where(u => string.Compare(u.Email, after.Key) > 0);
            rows = rows.OrderBy(u => u.Email);
        }
        else
        {
            if (prefix is not null) rows = rows.Where(u => u.NameKey.StartsWith(prefix));
            if (after is not null)
                rows = rows.Where(u => string.Compare(u.NameKey, after.Key) > 0
                                       || (u.NameKey == after.Key && string.Compare(u.Id, after.Id) > 0));
            rows = rows.OrderBy(u => u.NameKey).ThenBy(u => u.Id);
        }
        var found = await rows.Take(Listing.FetchSize(page)).ToListAsync(ct);
        var estimate = prefix is null && after is null ? await _dialect.ApproximateUserCountAsync(db, ct) : null;
        return listing.Assemble(found, page, r => r.ToDomain(),
            r => new UserKey(query.Field == UserSortField.Email ? r.Email : r.NameKey, r.Id), estimate);
    }, ct);

    public Task<User?> GetUserAsync(string id, CancellationToken ct) => Run(async db =>
        (await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct))?.ToDomain(), ct);

    public Task<User?> FindUserByEmailAsync(string email, CancellationToken ct) => Run(async db =>
        (await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email, ct))?.ToDomain(), ct);

    public Task InsertUserAsync(User user, CancellationToken ct) => RunWrite(async (db, writeId) =>
    {
        db.Users.Add(user.ToRow(writeId));
        // No row with our id after a unique-key clash: the email is someone else's.
        await SaveAddedAsync(db, () => UserMarkAsync(db, user.Id, ct), "User", user.Id, writeId, UserRules.EmailTaken, ct);
        return true;
    }, ct);

    public Task UpdateUserAsync(User user, User current, CancellationToken ct) => RunWrite(async (db, writeId) =>
    {
        var expectedVersion = current.Version;
        var row = user.ToRow(writeId);
        int changed;
        try
        {
            changed = await db.Users
                .Where(u => u.Id == user.Id && u.Version == expectedVersion)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(u => u.Email, row.Email)
                    .SetProperty(u => u.Name, row.Name)
                    .SetProperty(u => u.NameKey, row.NameKey)
                    .SetProperty(u => u.AvatarUrl, row.AvatarUrl)
                    .SetProperty(u => u.UpdatedAt, row.UpdatedAt)
                    .SetProperty(u => u.Version, row.Version)
                    .SetProperty(u => u.WriteId, writeId), ct);
        }
        catch (Exception e) when (_dialect.IsUniqueViolation(e))
        {
            throw UserRules.EmailTaken();
        }
        if (changed == 0)
        {
            var stored = await UserMarkAsync(db, user.Id, ct);
            ThrowUnlessAlreadyApplied(stored, writeId, "User", user.Id, expectedVersion);
        }
        return true;
    }, ct);

    public Task<Page<Order>> ListOrdersAsync(string userId, PageRequest page, CancellationToken ct) => Run(async db =>
    {
        var listing = Listing.OrdersOf(userId);
        var after = listing.Resume<string>(page);
        var rows = db.Orders.AsNoTracking().Include(o => o.Items).Where(o => o.UserId == userId);
        if (after is not null) rows = rows.Where(o => string.Compare(o.Id, after) < 0);
        var found = await rows.OrderByDescending(o => o.Id).Take(Listing.FetchSize(page)).ToListAsync(ct);
        return listing.Assemble(found, page, r => r.ToDomain(), r => r.Id);
    }, ct);

    public Task<Page<Order>> ListTenantOrdersAsync(OrderQuery query, PageRequest page, CancellationToken ct) => Run(async db =>
    {
        var listing = Listing.TenantOrders(query);
        var after = listing.Resume<string>(page);
        // WHERE status = ? AND id < ? ORDER BY id DESC: a backward range scan of (status, id), or of the primary key.
        var rows = db.Orders.AsNoTracking();
        if (query.Status is { } status)
        {
            var text = status.ToString();
            rows = rows.Where(o => o.Status == text);
        }
        if (query.MinId is { } min) rows = rows.Where(o => string.Compare(o.Id, min) >= 0);
        if (query.IdBelow is { } below) rows = rows.Where(o => string.Compare(o.Id, below) < 0);
        if (after is not null) rows = rows.Where(o => string.Compare(o.Id, after) < 0);
        var found = await rows.OrderByDescending(o => o.Id).Take(Listing.FetchSize(page)).Include(o => o.Items).ToListAsync(ct);
        return listing.Assemble(found, page, r => r.ToDomain(), r => r.Id);
    }, ct);

    public Task<OrderStatusCounts> CountOrdersByStatusAsync(CancellationToken ct) =>
        Run(db => _dialect.OrderStatusCountsAsync(db, ct), ct);

    public Task<Order?> GetOrderAsync(string id, CancellationToken ct) => Run(async db =>
        (await db.Orders.AsNoTracking().Include(o => o.Items).SingleOrDefaultAsync(o => o.Id == id, ct))?.ToDomain(), ct);

    public Task InsertOrderAsync(Order order, CancellationToken ct) => RunWrite(async (db, writeId) =>
    {
        db.Orders.Add(order.ToRow(writeId));
        await SaveAddedAsync(db, () => OrderMarkAsync(db, order.Id, ct), "Order", order.Id, writeId, otherKey: null, ct);
        return true;
    }, ct);

    public Task UpdateOrderAsync(Order order, Order current, CancellationToken ct) => RunWrite(async (db, writeId) =>
    {
        var expectedVersion = current.Version;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = order.ToRow(writeId);
        var changed = await db.Orders
            .Where(o => o.Id == order.Id && o.Version == expectedVersion)
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.Status, row.Status)
                .SetProperty(o => o.Total, row.Total)
                .SetProperty(o => o.UpdatedAt, row.UpdatedAt)
                .SetProperty(o => o.Version, row.Version)
                .SetProperty(o => o.WriteId, writeId), ct);
        if (changed == 0)
        {
            var stored = await OrderMarkAsync(db, order.Id, ct);
            ThrowUnlessAlreadyApplied(stored, writeId, "Order", order.Id, expectedVersion);
            return true;
        }
        await db.OrderItems.Where(i => i.OrderId == order.Id).ExecuteDeleteAsync(ct);
        db.OrderItems.AddRange(row.Items);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }, ct);

    public Task PingAsync(CancellationToken ct) => Run(async db =>
    {
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SELECT 1", ct);
        return true;
    }, ct);

    public Task<long?> StorageBytesAsync(CancellationToken ct) => Run(db => _dialect.StorageBytesAsync(db, ct), ct);

    public Task EnsureSchemaAsync(CancellationToken ct) => Run(async db =>
    {
        await _dialect.EnsureSchemaAsync(db, ct);
        return true;
    }, ct);

    public Task BulkLoadAsync(IReadOnlyList<User> users, IReadOnlyList<Order> orders, CancellationToken ct) => RunWrite(async (db, writeId) =>
    {
        // Idempotent: rows already present (an earlier, interrupted load) are skipped, not duplicated.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await AddMissingAsync(db, users, u => u.Id, ids => db.Users.Where(r => ids.Contains(r.Id)).Select(r => r.Id), u => u.ToRow(writeId), ct);
        await AddMissingAsync(db, orders, o => o.Id, ids => db.Orders.Where(r => ids.Contains(r.Id)).Select(r => r.Id), o => o.ToRow(writeId), ct);
        await tx.CommitAsync(ct);
        return true;
    }, ct);

    /// <summary>Adds, 500 at a time, the rows of the items whose ids <paramref name="present"/> does not find.</summary>
    private static async Task AddMissingAsync<TItem, TRow>(DashboardDbContext db, IReadOnlyList<TItem> items, Func<TItem, string> id,
        Func<List<string>, IQueryable<string>> present, Func<TItem, TRow> toRow, CancellationToken ct)
        where TRow : class
    {
        foreach (var batch in items.Chunk(500))
        {
            var stored = (await present(batch.Select(id).ToList()).ToListAsync(ct)).ToHashSet();
            db.Set<TRow>().AddRange(batch.Where(i => !stored.Contains(id(i))).Select(toRow));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The write id a stored row carries, read to tell a lost answer of our own write from someone else's write.</summary>
    private sealed record WriteMark(string? WriteId);

    private static Task<WriteMark?> UserMarkAsync(DashboardDbContext db, string id, CancellationToken ct) =>
        db.Users.Where(u => u.Id == id).Select(u => new WriteMark(u.WriteId)).SingleOrDefaultAsync(ct);

    private static Task<WriteMark?> OrderMarkAsync(DashboardDbContext db, string id, CancellationToken ct) =>
        db.Orders.Where(o => o.Id == id).Select(o => new WriteMark(o.WriteId)).SingleOrDefaultAsync(ct);

    /// <summary>
    /// Saves an added row. When its key is taken: our id with our write id is an earlier attempt of this very call
    /// that committed before its answer was lost (done); our id with another write id is another writer's row (or a
    /// later write over ours), never taken for our own success; no row with our id means another unique key clashed,
    /// which <paramref name="otherKey"/> names (null: the database's own error stands).
    /// </summary>
    private async Task SaveAddedAsync(DashboardDbContext db, Func<Task<WriteMark?>> ours, string entity, string id, string writeId,
        Func<Exception>? otherKey, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (_dialect.IsUniqueViolation(e))
        {
            var stored = await ours();
            if (stored is null)
            {
                if (otherKey is null) throw;
                throw otherKey();
            }
            if (stored.WriteId != writeId) throw new ConflictException(entity, id, 0);
        }
    }

    /// <summary>
    /// Nothing matched the expected version: the row is missing, or someone else changed it first — unless it
    /// carries this call's write id, i.e. an earlier attempt of this very call committed and its answer was lost.
    /// </summary>
    private static void ThrowUnlessAlreadyApplied(WriteMark? stored, string writeId, string entity, string id, long expectedVersion)
    {
        if (stored is null) throw new NotFoundException(entity, id);
        if (stored.WriteId != writeId) throw new ConflictException(entity, id, expectedVersion);
    }

    /// <summary>
    /// Runs a write: its write id is drawn once per call, outside the retried unit, so a replay of the call by
    /// the execution strategy carries the same id and can recognise its own earlier, committed attempt.
    /// </summary>
    private Task<T> RunWrite<T>(Func<DashboardDbContext, string, Task<T>> operation, CancellationToken ct, [CallerMemberName] string member = "")
    {
        var writeId = WriteIds.New();
        return Run(db => operation(db, writeId), ct, member);
    }

    /// <summary>
    /// Runs one operation as a unit in the dialect's execution strategy (each attempt on a fresh context named
    /// after the operation, for query tags) and turns the provider's exceptions into typed ones.
    /// </summary>
    private async Task<T> Run<T>(Func<DashboardDbContext, Task<T>> operation, CancellationToken ct, [CallerMemberName] string member = "")
    {
        var action = ActionName(member);
        try
        {
            await using var outer = new DashboardDbContext(_options) { Operation = action };
            return await outer.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
            {
                await using var db = new DashboardDbContext(_options) { Operation = action };
                return await operation(db);
            }, ct);
        }
        catch (Exception e) when (e is not StoreException && !(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            if (_dialect.ThrottleCause(e) is { } cause) throw new ThrottledException(_tenant.Id, _dialect.ProductName, cause, e);
            if (_dialect.IsUnavailable(e)) throw new BackendUnavailableException(_tenant.Id, _dialect.ProductName, e.GetBaseException().Message, e);
            if (_dialect.RejectedColumn(e) is { } column)
                throw new ValidationException(FieldOf(column), "The value does not fit what the database can store; nothing was saved.");
            throw;
        }
    }

    /// <summary>"ListUsersAsync" → "list_users": the action name in query tags and metrics.</summary>
    internal static string ActionName(string member)
    {
        var name = member.EndsWith("Async", StringComparison.Ordinal) ? member[..^5] : member;
        var snake = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && snake.Length > 0) snake.Append('_');
            snake.Append(char.ToLowerInvariant(c));
        }
        return snake.ToString();
    }

    /// <summary>A column name as the domain's field name ("avatar_url" → "avatarUrl").</summary>
    private static string FieldOf(string column)
    {
        var parts = column.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? column : parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
