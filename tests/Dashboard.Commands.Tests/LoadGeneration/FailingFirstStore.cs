using Dashboard.Core.Domain;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;

namespace Dashboard.Commands.Tests.LoadGeneration;

/// <summary>
/// A fault injected around a real store: the first <see cref="Failures"/> calls (any operation) throw what
/// <see cref="Fault"/> makes, as a throttling or unreachable backend would; the rest reach the real store.
/// </summary>
public sealed class FailingFirstStore(IDataStore inner, int failures, Func<Exception> fault) : IDataStore
{
    private int _calls;

    public int Failures => failures;
    public Func<Exception> Fault => fault;

    /// <summary>Every call made, failed or not.</summary>
    public int Calls => Volatile.Read(ref _calls);

    private Task<T> Run<T>(Func<Task<T>> call) =>
        Interlocked.Increment(ref _calls) <= failures ? Task.FromException<T>(fault()) : call();

    private Task Run(Func<Task> call) =>
        Interlocked.Increment(ref _calls) <= failures ? Task.FromException(fault()) : call();

    public Task<Page<User>> ListUsersAsync(UserQuery query, PageRequest page, CancellationToken ct) => Run(() => inner.ListUsersAsync(query, page, ct));
    public Task<User?> GetUserAsync(string id, CancellationToken ct) => Run(() => inner.GetUserAsync(id, ct));
    public Task<User?> FindUserByEmailAsync(string email, CancellationToken ct) => Run(() => inner.FindUserByEmailAsync(email, ct));
    public Task InsertUserAsync(User user, CancellationToken ct) => Run(() => inner.InsertUserAsync(user, ct));
    public Task UpdateUserAsync(User user, long expectedVersion, CancellationToken ct) => Run(() => inner.UpdateUserAsync(user, expectedVersion, ct));
    public Task<Page<Order>> ListOrdersAsync(string userId, PageRequest page, CancellationToken ct) => Run(() => inner.ListOrdersAsync(userId, page, ct));
    public Task<Order?> GetOrderAsync(string id, CancellationToken ct) => Run(() => inner.GetOrderAsync(id, ct));
    public Task<Page<Order>> ListTenantOrdersAsync(OrderQuery query, PageRequest page, CancellationToken ct) => Run(() => inner.ListTenantOrdersAsync(query, page, ct));
    public Task<OrderStatusCounts> CountOrdersByStatusAsync(CancellationToken ct) => Run(() => inner.CountOrdersByStatusAsync(ct));
    public Task InsertOrderAsync(Order order, CancellationToken ct) => Run(() => inner.InsertOrderAsync(order, ct));
    public Task UpdateOrderAsync(Order order, long expectedVersion, CancellationToken ct) => Run(() => inner.UpdateOrderAsync(order, expectedVersion, ct));
    public Task PingAsync(CancellationToken ct) => Run(() => inner.PingAsync(ct));
    public Task EnsureSchemaAsync(CancellationToken ct) => inner.EnsureSchemaAsync(ct);
    public Task BulkLoadAsync(IReadOnlyList<User> users, IReadOnlyList<Order> orders, CancellationToken ct) => inner.BulkLoadAsync(users, orders, ct);
}
