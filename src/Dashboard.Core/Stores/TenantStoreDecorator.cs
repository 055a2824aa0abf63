namespace Dashboard.Core.Stores;

/// <summary>
/// A tenant store around another one. Every method goes through <see cref="InvokeAsync{T}"/> with its
/// operation and the call to the inner store, so a decorator says what it does once, and a new method of
/// <see cref="ITenantStore"/> is written once, here.
/// </summary>
public abstract class TenantStoreDecorator(ITenantStore inner) : ITenantStore
{
    public TenantDescriptor Tenant => inner.Tenant;

    /// <summary>Runs one call of the inner store; <paramref name="call"/> takes the token to pass on.</summary>
    protected abstract Task<T> InvokeAsync<T>(TenantOperation operation, Func<CancellationToken, Task<T>> call, CancellationToken ct);

    public Task<Page<User>> ListUsersAsync(UserQuery query, PageRequest page, CancellationToken ct = default) =>
        InvokeAsync(TenantOperation.ListUsers, t => inner.ListUsersAsync(query, page, t), ct);

    public Task<User> GetUserAsync(string id, CancellationToken ct = default) =>
        InvokeAsync(TenantOperation.GetUser, t => inner.GetUserAsync(id, t), ct);

    public Task<User?> FindUserByEmailAsync(string email, CancellationToken ct = default) =>
        InvokeAsync(TenantOperation.FindUserByEmail, t => inner.FindUserByEmailAsync(email, t), ct);

    public Task<User> CreateUserAsync(NewUser user, CancellationToken ct = default) =>
        InvokeAsync(TenantOperation.CreateUser, t => inner.CreateUserAsync(user, t), ct);

    public Task<User> UpdateUserAsync(string id, long expectedVersion, UserChanges changes, CancellationToken ct = default) =>
        InvokeAsync(TenantOperation.UpdateUser, t => inner.UpdateUserAsync(id, expectedVersion, changes, t), ct);

    public Task<Page<Order>> ListOrdersAsync(string userId, PageRequest page, CancellationToken ct = default) =>
        InvokeAsync(TenantOperation.ListOrders, t => inner.ListOrdersAsync(userId, page, t), ct);

    public Task<Order> GetOrderAsync(string id, CancellationToken ct = default) =>
        InvokeAsync(TenantOperation.GetOrder, t => inner.GetOrderAsync(id, t), ct);

    public Task<Page<Order>> ListTenantOrdersAsync(OrderQuery query, PageRequest page, CancellationToken ct = default) =>
        InvokeAsync(TenantOperation.ListTenantOrders, t => inner.ListTenantOrdersAsync(query, page, t), ct);

    public Task<OrderStatusCounts> CountOrdersByStatusAsync(CancellationToken ct = default) =>
        InvokeAsync(TenantOperation.CountOrdersByStatus, t => inner.CountOrdersByStatusAsync(t), ct);

    public Task<Order> CreateOrderAsync(NewOrder order, CancellationToken ct = default) =>
        InvokeAsync(TenantOperation.CreateOrder, t => inner.CreateOrderAsync(order, t), ct);

    public Task<Order> UpdateOrderAsync(string id, long expectedVersion, OrderChanges changes, CancellationToken ct = default) =>
        InvokeAsync(TenantOperation.UpdateOrder, t => inner.UpdateOrderAsync(id, expectedVersion, changes, t), ct);

    public Task<BackendHealth> CheckHealthAsync(CancellationToken ct = default) =>
        InvokeAsync(TenantOperation.CheckHealth, t => inner.CheckHealthAsync(t), ct);
}
