using Dashboard.Core.Domain;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;

namespace Dashboard.Core.Access;

/// <summary>
/// A tenant's store as one person may use it: reads need a grant for the tenant, writes need a role that
/// writes. Checked on every call, before anything reaches the backend or the audit log.
/// </summary>
public sealed class AccessCheckedTenantStore(ITenantStore inner, Person person) : ITenantStore
{
    public TenantDescriptor Tenant => inner.Tenant;

    public Task<Page<User>> ListUsersAsync(UserQuery query, PageRequest page, CancellationToken ct = default) =>
        Read(() => inner.ListUsersAsync(query, page, ct));

    public Task<User> GetUserAsync(string id, CancellationToken ct = default) => Read(() => inner.GetUserAsync(id, ct));

    public Task<User?> FindUserByEmailAsync(string email, CancellationToken ct = default) => Read(() => inner.FindUserByEmailAsync(email, ct));

    public Task<User> CreateUserAsync(NewUser user, CancellationToken ct = default) => Write(() => inner.CreateUserAsync(user, ct));

    public Task<User> UpdateUserAsync(string id, long expectedVersion, UserChanges changes, CancellationToken ct = default) =>
        Write(() => inner.UpdateUserAsync(id, expectedVersion, changes, ct));

    public Task<Page<Order>> ListOrdersAsync(string userId, PageRequest page, CancellationToken ct = default) =>
        Read(() => inner.ListOrdersAsync(userId, page, ct));

    public Task<Order> GetOrderAsync(string id, CancellationToken ct = default) => Read(() => inner.GetOrderAsync(id, ct));

    public Task<Page<Order>> ListTenantOrdersAsync(OrderQuery query, PageRequest page, CancellationToken ct = default) =>
        Read(() => inner.ListTenantOrdersAsync(query, page, ct));

    public Task<OrderStatusCounts> CountOrdersByStatusAsync(CancellationToken ct = default) => Read(() => inner.CountOrdersByStatusAsync(ct));

    public Task<Order> CreateOrderAsync(NewOrder order, CancellationToken ct = default) => Write(() => inner.CreateOrderAsync(order, ct));

    public Task<Order> UpdateOrderAsync(string id, long expectedVersion, OrderChanges changes, CancellationToken ct = default) =>
        Write(() => inner.UpdateOrderAsync(id, expectedVersion, changes, ct));

    public Task<BackendHealth> CheckHealthAsync(CancellationToken ct = default) => Read(() => inner.CheckHealthAsync(ct));

    private Task<T> Read<T>(Func<Task<T>> call) =>
        person.CanRead(Tenant.Id) ? call() : Task.FromException<T>(AccessDenied.Tenant(person, Tenant.Id));

    private Task<T> Write<T>(Func<Task<T>> call) =>
        !person.CanRead(Tenant.Id) ? Task.FromException<T>(AccessDenied.Tenant(person, Tenant.Id))
        : person.CanWrite(Tenant.Id) ? call()
        : Task.FromException<T>(AccessDenied.Write(person, Tenant.Id));
}
