using Dashboard.Core.Domain;
using Dashboard.Core.Paging;

namespace Dashboard.Core.Stores;

/// <summary>
/// The backend port: what a provider implements to keep one tenant's users and orders. It receives entities
/// already validated, normalised and versioned by <see cref="TenantStore"/>, and must make each write atomic
/// and conditional on <c>expectedVersion</c> (a mismatch is a <see cref="Errors.ConflictException"/>).
/// Failures surface as the typed <see cref="Errors.StoreException"/>s, never as a provider's own exceptions.
/// </summary>
public interface IDataStore
{
    /// <summary>Users ordered by the query's field; keyset-paged, served by an index.</summary>
    Task<Page<User>> ListUsersAsync(UserQuery query, PageRequest page, CancellationToken ct);

    Task<User?> GetUserAsync(string id, CancellationToken ct);

    /// <summary>Looks a user up by lower-case email.</summary>
    Task<User?> FindUserByEmailAsync(string email, CancellationToken ct);

    /// <summary>Stores a new user; an email in use is a validation error on "email".</summary>
    Task InsertUserAsync(User user, CancellationToken ct);

    /// <summary>Replaces a user if its stored version is still <paramref name="expectedVersion"/>.</summary>
    Task UpdateUserAsync(User user, long expectedVersion, CancellationToken ct);

    /// <summary>A user's orders, newest first (ULID ids descending).</summary>
    Task<Page<Order>> ListOrdersAsync(string userId, PageRequest page, CancellationToken ct);

    Task<Order?> GetOrderAsync(string id, CancellationToken ct);

    /// <summary>
    /// The tenant's orders newest first (ULID ids descending), optionally of one status and inside a creation
    /// window; keyset-paged, served by an index (status, id) or its backend's equivalent. A token continues
    /// only the listing (status and window) it came from.
    /// </summary>
    Task<Page<Order>> ListTenantOrdersAsync(OrderQuery query, PageRequest page, CancellationToken ct);

    /// <summary>About how many orders each status has, from statistics or maintained counters; never a count over orders.</summary>
    Task<OrderStatusCounts> CountOrdersByStatusAsync(CancellationToken ct);

    Task InsertOrderAsync(Order order, CancellationToken ct);

    /// <summary>Replaces an order with its items, status and total in one transaction, if still at <paramref name="expectedVersion"/>.</summary>
    Task UpdateOrderAsync(Order order, long expectedVersion, CancellationToken ct);

    /// <summary>A cheap round trip (no table scan) to tell whether the backend answers.</summary>
    Task PingAsync(CancellationToken ct);

    /// <summary>Creates tables, indexes or collections if missing. Safe to call again.</summary>
    Task EnsureSchemaAsync(CancellationToken ct);

    /// <summary>Loads many prepared entities at once by the backend's fastest path (demo data, benchmarks).</summary>
    Task BulkLoadAsync(IReadOnlyList<User> users, IReadOnlyList<Order> orders, CancellationToken ct);
}
