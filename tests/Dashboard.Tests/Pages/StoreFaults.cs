using Dashboard.Core.Domain;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;

namespace Dashboard.Tests.Pages;

/// <summary>
/// A decorator around each tenant's real backend store that lets a test make reads fail on cue with a typed
/// store error, as a throttled or unreachable backend would, and slip another person's write in just before
/// the next update reaches the backend. Everything else goes to the real store.
/// </summary>
public sealed class StoreFaults : IDataStoreDecorator
{
    private readonly Lock _lock = new();
    private Exception? _error;
    private Func<Task>? _beforeNextUpdate;

    /// <summary>From now on, reads of single users and orders fail with <paramref name="error"/>.</summary>
    public void FailReads(Exception error)
    {
        lock (_lock) _error = error;
    }

    public void Clear()
    {
        lock (_lock) _error = null;
    }

    /// <summary>Runs <paramref name="action"/> once, just before the next user or order update reaches the backend.</summary>
    public void BeforeNextUpdate(Func<Task> action)
    {
        lock (_lock) _beforeNextUpdate = action;
    }

    public IDataStore Decorate(TenantDescriptor tenant, string productName, IDataStore inner) => new FaultyStore(inner, this);

    private void MaybeFail()
    {
        lock (_lock)
            if (_error is not null) throw _error;
    }

    private Task BeforeUpdateAsync()
    {
        Func<Task>? action;
        lock (_lock) (action, _beforeNextUpdate) = (_beforeNextUpdate, null);
        return action?.Invoke() ?? Task.CompletedTask;
    }

    private sealed class FaultyStore(IDataStore inner, StoreFaults faults) : IDataStore
    {
        public Task<User?> GetUserAsync(string id, CancellationToken ct)
        {
            faults.MaybeFail();
            return inner.GetUserAsync(id, ct);
        }

        public Task<Order?> GetOrderAsync(string id, CancellationToken ct)
        {
            faults.MaybeFail();
            return inner.GetOrderAsync(id, ct);
        }

        public Task<Page<User>> ListUsersAsync(UserQuery query, PageRequest page, CancellationToken ct) => inner.ListUsersAsync(query, page, ct);
        public Task<User?> FindUserByEmailAsync(string email, CancellationToken ct) => inner.FindUserByEmailAsync(email, ct);
        public Task InsertUserAsync(User user, CancellationToken ct) => inner.InsertUserAsync(user, ct);
        public async Task UpdateUserAsync(User user, long expectedVersion, CancellationToken ct)
        {
            await faults.BeforeUpdateAsync();
            await inner.UpdateUserAsync(user, expectedVersion, ct);
        }

        public Task<Page<Order>> ListOrdersAsync(string userId, PageRequest page, CancellationToken ct) => inner.ListOrdersAsync(userId, page, ct);
        public Task InsertOrderAsync(Order order, CancellationToken ct) => inner.InsertOrderAsync(order, ct);

        public Task<Page<Order>> ListTenantOrdersAsync(OrderQuery query, PageRequest page, CancellationToken ct)
        {
            faults.MaybeFail();
            return inner.ListTenantOrdersAsync(query, page, ct);
        }

        public Task<OrderStatusCounts> CountOrdersByStatusAsync(CancellationToken ct)
        {
            faults.MaybeFail();
            return inner.CountOrdersByStatusAsync(ct);
        }
        public async Task UpdateOrderAsync(Order order, long expectedVersion, CancellationToken ct)
        {
            await faults.BeforeUpdateAsync();
            await inner.UpdateOrderAsync(order, expectedVersion, ct);
        }

        public Task PingAsync(CancellationToken ct) => inner.PingAsync(ct);
        public Task EnsureSchemaAsync(CancellationToken ct) => inner.EnsureSchemaAsync(ct);
        public Task BulkLoadAsync(IReadOnlyList<User> users, IReadOnlyList<Order> orders, CancellationToken ct) => inner.BulkLoadAsync(users, orders, ct);
    }
}
