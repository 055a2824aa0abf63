namespace Dashboard.Core.Stores;

/// <summary>
/// A tenant's backend as seen by a person's store: each call goes to the tenant's live store of the moment
/// (<see cref="ITenantBackends.For"/>), so a page kept open for hours never holds a store that was evicted
/// while it sat idle, and its next call simply builds the tenant's store again.
/// </summary>
public sealed class LiveBackendStore(ITenantBackends backends, string tenantId) : IDataStore, IDataStoreWrapper
{
    public IDataStore Inner => backends.For(tenantId);

    public Task<Page<User>> ListUsersAsync(UserQuery query, PageRequest page, CancellationToken ct) => Inner.ListUsersAsync(query, page, ct);

    public Task<User?> GetUserAsync(string id, CancellationToken ct) => Inner.GetUserAsync(id, ct);

    public Task<User?> FindUserByEmailAsync(string email, CancellationToken ct) => Inner.FindUserByEmailAsync(email, ct);

    public Task InsertUserAsync(User user, CancellationToken ct) => Inner.InsertUserAsync(user, ct);

    public Task UpdateUserAsync(User user, User current, CancellationToken ct) => Inner.UpdateUserAsync(user, current, ct);

    public Task<Page<Order>> ListOrdersAsync(string userId, PageRequest page, CancellationToken ct) => Inner.ListOrdersAsync(userId, page, ct);

    public Task<Order?> GetOrderAsync(string id, CancellationToken ct) => Inner.GetOrderAsync(id, ct);

    public Task<Page<Order>> ListTenantOrdersAsync(OrderQuery query, PageRequest page, CancellationToken ct) => Inner.ListTenantOrdersAsync(query, page, ct);

    public Task<OrderStatusCounts> CountOrdersByStatusAsync(CancellationToken ct) => Inner.CountOrdersByStatusAsync(ct);

    public Task InsertOrderAsync(Order order, CancellationToken ct) => Inner.InsertOrderAsync(order, ct);

    public Task UpdateOrderAsync(Order order, Order current, CancellationToken ct) => Inner.UpdateOrderAsync(order, current, ct);

    public Task PingAsync(CancellationToken ct) => Inner.PingAsync(ct);

    public Task EnsureSchemaAsync(CancellationToken ct) => Inner.EnsureSchemaAsync(ct);

    public Task BulkLoadAsync(IReadOnlyList<User> users, IReadOnlyList<Order> orders, CancellationToken ct) => Inner.BulkLoadAsync(users, orders, ct);
}
