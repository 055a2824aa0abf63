using System.Diagnostics;
using Dashboard.Core.Domain;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;

namespace Dashboard.Core.Metering;

/// <summary>
/// Opens a <see cref="UsageScope"/> around each call of the inner store (the provider reports its units and
/// throttle answers into it), times the call, classifies how it ended and hands the result to the sinks.
/// A Get/Find that finds nothing counts as "not-found", like a NotFoundException would.
/// </summary>
public sealed class MeteredDataStore : IDataStore, Costs.IDataStoreWrapper
{
    private readonly IDataStore _inner;
    private readonly IStoreCallSink[] _sinks;
    private readonly SeriesKey[] _series;

    public MeteredDataStore(IDataStore inner, string tenant, string provider, IStoreCallSink[] sinks)
    {
        _inner = inner;
        _sinks = sinks;
        _series = StoreOperations.All.Select(op => new SeriesKey(tenant, provider, op)).ToArray();
    }

    /// <summary>The undecorated store inside, for optional capabilities (e.g. storage size).</summary>
    public IDataStore Inner => _inner;

    public Task<Page<User>> ListUsersAsync(UserQuery query, PageRequest page, CancellationToken ct) =>
        Run(StoreOperation.ListUsers, () => _inner.ListUsersAsync(query, page, ct));

    public Task<User?> GetUserAsync(string id, CancellationToken ct) =>
        RunLookup(StoreOperation.GetUser, () => _inner.GetUserAsync(id, ct));

    public Task<User?> FindUserByEmailAsync(string email, CancellationToken ct) =>
        RunLookup(StoreOperation.FindUserByEmail, () => _inner.FindUserByEmailAsync(email, ct));

    public Task InsertUserAsync(User user, CancellationToken ct) =>
        Run(StoreOperation.InsertUser, () => _inner.InsertUserAsync(user, ct));

    public Task UpdateUserAsync(User user, long expectedVersion, CancellationToken ct) =>
        Run(StoreOperation.UpdateUser, () => _inner.UpdateUserAsync(user, expectedVersion, ct));

    public Task<Page<Order>> ListOrdersAsync(string userId, PageRequest page, CancellationToken ct) =>
        Run(StoreOperation.ListOrders, () => _inner.ListOrdersAsync(userId, page, ct));

    public Task<Order?> GetOrderAsync(string id, CancellationToken ct) =>
        RunLookup(StoreOperation.GetOrder, () => _inner.GetOrderAsync(id, ct));

    public Task<Page<Order>> ListTenantOrdersAsync(OrderQuery query, PageRequest page, CancellationToken ct) =>
        Run(StoreOperation.ListTenantOrders, () => _inner.ListTenantOrdersAsync(query, page, ct));

    public Task<OrderStatusCounts> CountOrdersByStatusAsync(CancellationToken ct) =>
        Run(StoreOperation.CountOrdersByStatus, () => _inner.CountOrdersByStatusAsync(ct));

    public Task InsertOrderAsync(Order order, CancellationToken ct) =>
        Run(StoreOperation.InsertOrder, () => _inner.InsertOrderAsync(order, ct));

    public Task UpdateOrderAsync(Order order, long expectedVersion, CancellationToken ct) =>
        Run(StoreOperation.UpdateOrder, () => _inner.UpdateOrderAsync(order, expectedVersion, ct));

    public Task PingAsync(CancellationToken ct) => Run(StoreOperation.Ping, () => _inner.PingAsync(ct));

    public Task EnsureSchemaAsync(CancellationToken ct) => Run(StoreOperation.EnsureSchema, () => _inner.EnsureSchemaAsync(ct));

    public Task BulkLoadAsync(IReadOnlyList<User> users, IReadOnlyList<Order> orders, CancellationToken ct) =>
        Run(StoreOperation.BulkLoad, () => _inner.BulkLoadAsync(users, orders, ct));

    private async Task<T> Run<T>(StoreOperation op, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        using var scope = UsageScope.Begin(out var usage);
        try
        {
            var result = await call();
            Publish(op, StoreOutcome.Ok, started, usage);
            return result;
        }
        catch (Exception e)
        {
            Publish(op, StoreOutcomes.Of(e), started, usage);
            throw;
        }
    }

    private async Task<T?> RunLookup<T>(StoreOperation op, Func<Task<T?>> call) where T : class
    {
        var started = Stopwatch.GetTimestamp();
        using var scope = UsageScope.Begin(out var usage);
        try
        {
            var result = await call();
            Publish(op, result is null ? StoreOutcome.NotFound : StoreOutcome.Ok, started, usage);
            return result;
        }
        catch (Exception e)
        {
            Publish(op, StoreOutcomes.Of(e), started, usage);
            throw;
        }
    }

    private async Task Run(StoreOperation op, Func<Task> call)
    {
        var started = Stopwatch.GetTimestamp();
        using var scope = UsageScope.Begin(out var usage);
        try
        {
            await call();
            Publish(op, StoreOutcome.Ok, started, usage);
        }
        catch (Exception e)
        {
            Publish(op, StoreOutcomes.Of(e), started, usage);
            throw;
        }
    }

    private void Publish(StoreOperation op, StoreOutcome outcome, long started, CallUsage usage)
    {
        var call = new StoreCall(_series[(int)op], outcome, Stopwatch.GetElapsedTime(started), usage);
        foreach (var sink in _sinks) sink.Record(call);
    }
}
