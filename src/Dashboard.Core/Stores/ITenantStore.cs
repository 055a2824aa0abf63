namespace Dashboard.Core.Stores;

/// <summary>
/// One tenant's users and orders, whatever the backend: what pages and tools use. Validates input, computes
/// totals, enforces status transitions and optimistic concurrency; throws the typed store exceptions.
/// </summary>
public interface ITenantStore
{
    TenantDescriptor Tenant { get; }

    Task<Page<User>> ListUsersAsync(UserQuery query, PageRequest page, CancellationToken ct = default);
    Task<User> GetUserAsync(string id, CancellationToken ct = default);
    Task<User?> FindUserByEmailAsync(string email, CancellationToken ct = default);
    Task<User> CreateUserAsync(NewUser user, CancellationToken ct = default);
    Task<User> UpdateUserAsync(string id, long expectedVersion, UserChanges changes, CancellationToken ct = default);

    Task<Page<Order>> ListOrdersAsync(string userId, PageRequest page, CancellationToken ct = default);
    Task<Order> GetOrderAsync(string id, CancellationToken ct = default);
    Task<Page<Order>> ListTenantOrdersAsync(OrderQuery query, PageRequest page, CancellationToken ct = default);
    Task<OrderStatusCounts> CountOrdersByStatusAsync(CancellationToken ct = default);
    Task<Order> CreateOrderAsync(NewOrder order, CancellationToken ct = default);
    Task<Order> UpdateOrderAsync(string id, long expectedVersion, OrderChanges changes, CancellationToken ct = default);

    Task<BackendHealth> CheckHealthAsync(CancellationToken ct = default);
}

/// <summary>Whether a tenant's backend answered a ping, how fast, and what went wrong if not.</summary>
public sealed record BackendHealth(bool Reachable, TimeSpan Latency, string? Problem = null);
