using Dashboard.Core.Domain;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;

namespace Dashboard.Tests.Pages;

/// <summary>
/// A decorator around each tenant's real backend store that lets a test make reads fail on cue with a typed
/// store error, as a throttled or unreachable backend would: every other call goes to the real store.
/// </summary>
public sealed class StoreFaults : IDataStoreDecorator
{
    private Exception? _error;
    private int _passBeforeFailing;

    /// <summary>Reads of single users and orders fail with <paramref name="error"/> after <paramref name="pass"/> more succeed.</summary>
    public void FailReads(Exception error, int pass = 0)
    {
        lock (this) (_error, _passBeforeFailing) = (error, pass);
    }

    public void Clear()
    {
        lock (this) _error = null;
    }

    public IDataStore Decorate(TenantDescriptor tenant, string productName, IDataStore inner) => new FaultyStore(inner, this);

    private void MaybeFail()
    {
        lock (this)
        {
            if (_error is null) return;
            if (_passBeforeFailing-- > 0) return;
            throw _error;
        }
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
        public Task UpdateUserAsync(User user, long expectedVersion, CancellationToken ct) => inner.UpdateUserAsync(user, expectedVersion, ct);
        public Task<Page<Order>> ListOrdersAsync(string userId, PageRequest page, CancellationToken ct) => inner.ListOrdersAsync(userId, page, ct);
        public Task InsertOrderAsync(Order order, CancellationToken ct) => inner.InsertOrderAsync(order, ct);
        public Task UpdateOrderAsync(Order order, long expectedVersion, CancellationToken ct) => inner.UpdateOrderAsync(order, expectedVersion, ct);
        public Task PingAsync(CancellationToken ct) => inner.PingAsync(ct);
        public Task EnsureSchemaAsync(CancellationToken ct) => inner.EnsureSchemaAsync(ct);
        public Task BulkLoadAsync(IReadOnlyList<User> users, IReadOnlyList<Order> orders, CancellationToken ct) => inner.BulkLoadAsync(users, orders, ct);
    }
}
