namespace Dashboard.Core.Stores;

/// <summary>
/// A store around another store. Every port method goes through <see cref="InvokeAsync{T}"/> with its
/// operation and the call to the inner store, so a decorator says what it does once, and a new port method is
/// written once, here. A decorator overrides a method only when it needs that method's arguments.
/// </summary>
public abstract class DataStoreDecorator(IDataStore inner) : IDataStore, IDataStoreWrapper
{
    public IDataStore Inner => inner;

    /// <summary>
    /// Runs one call of the inner store. <paramref name="call"/> takes the token to pass on, so a decorator can
    /// give each attempt its own. Calls without a result answer <c>true</c>; a lookup that found nothing answers null.
    /// </summary>
    protected virtual Task<T> InvokeAsync<T>(StoreOperation operation, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        call(ct);

    public virtual Task<Page<User>> ListUsersAsync(UserQuery query, PageRequest page, CancellationToken ct) =>
        InvokeAsync(StoreOperation.ListUsers, t => inner.ListUsersAsync(query, page, t), ct);

    public virtual Task<User?> GetUserAsync(string id, CancellationToken ct) =>
        InvokeAsync(StoreOperation.GetUser, t => inner.GetUserAsync(id, t), ct);

    public virtual Task<User?> FindUserByEmailAsync(string email, CancellationToken ct) =>
        InvokeAsync(StoreOperation.FindUserByEmail, t => inner.FindUserByEmailAsync(email, t), ct);

    public virtual Task<Page<Order>> ListOrdersAsync(string userId, PageRequest page, CancellationToken ct) =>
        InvokeAsync(StoreOperation.ListOrders, t => inner.ListOrdersAsync(userId, page, t), ct);

    public virtual Task<Order?> GetOrderAsync(string id, CancellationToken ct) =>
        InvokeAsync(StoreOperation.GetOrder, t => inner.GetOrderAsync(id, t), ct);

    public virtual Task<Page<Order>> ListTenantOrdersAsync(OrderQuery query, PageRequest page, CancellationToken ct) =>
        InvokeAsync(StoreOperation.ListTenantOrders, t => inner.ListTenantOrdersAsync(query, page, t), ct);

    public virtual Task<OrderStatusCounts> CountOrdersByStatusAsync(CancellationToken ct) =>
        InvokeAsync(StoreOperation.CountOrdersByStatus, t => inner.CountOrdersByStatusAsync(t), ct);

    public virtual Task InsertUserAsync(User user, CancellationToken ct) =>
        InvokeAsync(StoreOperation.InsertUser, t => Done(inner.InsertUserAsync(user, t)), ct);

    public virtual Task UpdateUserAsync(User user, User current, CancellationToken ct) =>
        InvokeAsync(StoreOperation.UpdateUser, t => Done(inner.UpdateUserAsync(user, current, t)), ct);

    public virtual Task InsertOrderAsync(Order order, CancellationToken ct) =>
        InvokeAsync(StoreOperation.InsertOrder, t => Done(inner.InsertOrderAsync(order, t)), ct);

    public virtual Task UpdateOrderAsync(Order order, Order current, CancellationToken ct) =>
        InvokeAsync(StoreOperation.UpdateOrder, t => Done(inner.UpdateOrderAsync(order, current, t)), ct);

    public virtual Task PingAsync(CancellationToken ct) =>
        InvokeAsync(StoreOperation.Ping, t => Done(inner.PingAsync(t)), ct);

    public virtual Task EnsureSchemaAsync(CancellationToken ct) =>
        InvokeAsync(StoreOperation.EnsureSchema, t => Done(inner.EnsureSchemaAsync(t)), ct);

    public virtual Task BulkLoadAsync(IReadOnlyList<User> users, IReadOnlyList<Order> orders, CancellationToken ct) =>
        InvokeAsync(StoreOperation.BulkLoad, t => Done(inner.BulkLoadAsync(users, orders, t)), ct);

    private static async Task<bool> Done(Task call)
    {
        await call;
        return true;
    }
}
