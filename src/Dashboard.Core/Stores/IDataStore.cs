namespace Dashboard.Core.Stores;

/// <summary>
/// The backend port: what a provider implements to keep one tenant's users and orders. It receives entities
/// already validated, normalised and versioned by <see cref="TenantStore"/>, and must make each write atomic
/// and conditional on the version it was made from (a mismatch is a <see cref="Errors.ConflictException"/>).
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

    /// <summary>
    /// Replaces <paramref name="current"/>, the stored user this update was made from, with <paramref name="user"/>
    /// if the stored version is still <c>current.Version</c>. A provider uses what <paramref name="current"/> holds
    /// (the email whose uniqueness marker to give up) instead of reading it again: the write stays conditional on
    /// that version, so a stale <paramref name="current"/> is a conflict, never an overwrite.
    /// </summary>
    Task UpdateUserAsync(User user, User current, CancellationToken ct);

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

    /// <summary>
    /// Replaces <paramref name="current"/>, the stored order this update was made from, with <paramref name="order"/>
    /// (items, status and total in one transaction) if the stored version is still <c>current.Version</c>.
    /// </summary>
    Task UpdateOrderAsync(Order order, Order current, CancellationToken ct);

    /// <summary>A cheap round trip (no table scan) to tell whether the backend answers.</summary>
    Task PingAsync(CancellationToken ct);

    /// <summary>Creates tables, indexes or collections if missing. Safe to call again.</summary>
    Task EnsureSchemaAsync(CancellationToken ct);

    /// <summary>Loads many prepared entities at once by the backend's fastest path (demo data, benchmarks).</summary>
    Task BulkLoadAsync(IReadOnlyList<User> users, IReadOnlyList<Order> orders, CancellationToken ct);
}
