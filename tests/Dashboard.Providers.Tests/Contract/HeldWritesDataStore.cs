using Dashboard.Core.Domain;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;

namespace Dashboard.Providers.Tests.Contract;

/// <summary>
/// A real backend whose updates wait at a gate: a writer reads, is stopped just before its write reaches the
/// backend, and goes on only when the test releases it — a race between two writers, replayed in a fixed order.
/// Every other call passes straight through.
/// </summary>
internal sealed class HeldWritesDataStore(IDataStore inner) : IDataStore
{
    private readonly TaskCompletionSource<object> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the entity a writer is about to send once it reaches the gate.</summary>
    public Task<object> Arrived => _arrived.Task;

    public void Release() => _released.TrySetResult();

    private async Task HoldAsync(object entity, CancellationToken ct)
    {
        _arrived.TrySetResult(entity);
        await _released.Task.WaitAsync(ct);
    }

    public async Task UpdateUserAsync(User user, long expectedVersion, CancellationToken ct)
    {
        await HoldAsync(user, ct);
        await inner.UpdateUserAsync(user, expectedVersion, ct);
    }

    public async Task UpdateOrderAsync(Order order, long expectedVersion, CancellationToken ct)
    {
        await HoldAsync(order, ct);
        await inner.UpdateOrderAsync(order, expectedVersion, ct);
    }

    public Task<Page<User>> ListUsersAsync(UserQuery query, PageRequest page, CancellationToken ct) => inner.ListUsersAsync(query, page, ct);
    public Task<User?> GetUserAsync(string id, CancellationToken ct) => inner.GetUserAsync(id, ct);
    public Task<User?> FindUserByEmailAsync(string email, CancellationToken ct) => inner.FindUserByEmailAsync(email, ct);
    public Task InsertUserAsync(User user, CancellationToken ct) => inner.InsertUserAsync(user, ct);
    public Task<Page<Order>> ListOrdersAsync(string userId, PageRequest page, CancellationToken ct) => inner.ListOrdersAsync(userId, page, ct);
    public Task<Order?> GetOrderAsync(string id, CancellationToken ct) => inner.GetOrderAsync(id, ct);
    public Task<Page<Order>> ListTenantOrdersAsync(OrderQuery query, PageRequest page, CancellationToken ct) => inner.ListTenantOrdersAsync(query, page, ct);
    public Task<OrderStatusCounts> CountOrdersByStatusAsync(CancellationToken ct) => inner.CountOrdersByStatusAsync(ct);
    public Task InsertOrderAsync(Order order, CancellationToken ct) => inner.InsertOrderAsync(order, ct);
    public Task PingAsync(CancellationToken ct) => inner.PingAsync(ct);
    public Task EnsureSchemaAsync(CancellationToken ct) => inner.EnsureSchemaAsync(ct);
    public Task BulkLoadAsync(IReadOnlyList<User> users, IReadOnlyList<Order> orders, CancellationToken ct) => inner.BulkLoadAsync(users, orders, ct);
}
