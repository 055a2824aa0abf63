using Dashboard.Core.Access;
using Dashboard.Core.Domain;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Audit;

/// <summary>
/// Records every create and update in the audit log with the entity before and after.
/// <para>
/// Order: the backend write first, then the audit append. A tenant's backend and the audit store cannot share
/// a transaction, so one of them commits first. Writing the change first means the log only ever holds
/// changes that happened (a failed, conflicting or throttled write leaves no entry), and the "after" is the
/// entity exactly as stored. If the append then fails (after retries), the person gets
/// <see cref="AuditWriteFailedException"/> — "saved, but not recorded" — and the full entry is logged at
/// Critical, so the change is never silently unaudited.
/// </para>
/// </summary>
public sealed class AuditedTenantStore(ITenantStore inner, Person person, IAuditLog log, TimeProvider clock, ILogger logger) : ITenantStore
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250)];

    public TenantDescriptor Tenant => inner.Tenant;

    public Task<Page<User>> ListUsersAsync(UserQuery query, PageRequest page, CancellationToken ct = default) => inner.ListUsersAsync(query, page, ct);

    public Task<User> GetUserAsync(string id, CancellationToken ct = default) => inner.GetUserAsync(id, ct);

    public Task<User?> FindUserByEmailAsync(string email, CancellationToken ct = default) => inner.FindUserByEmailAsync(email, ct);

    public async Task<User> CreateUserAsync(NewUser user, CancellationToken ct = default)
    {
        var created = await inner.CreateUserAsync(user, ct);
        await RecordAsync("User", created.Id, AuditAction.Create, null, created);
        return created;
    }

    public async Task<User> UpdateUserAsync(string id, long expectedVersion, UserChanges changes, CancellationToken ct = default)
    {
        // The version identifies the content: if the update succeeds, what it replaced is exactly this read.
        var before = await inner.GetUserAsync(id, ct);
        var updated = await inner.UpdateUserAsync(id, expectedVersion, changes, ct);
        await RecordAsync("User", id, AuditAction.Update, before, updated);
        return updated;
    }

    public Task<Page<Order>> ListOrdersAsync(string userId, PageRequest page, CancellationToken ct = default) => inner.ListOrdersAsync(userId, page, ct);

    public Task<Order> GetOrderAsync(string id, CancellationToken ct = default) => inner.GetOrderAsync(id, ct);

    public Task<Page<Order>> ListTenantOrdersAsync(OrderQuery query, PageRequest page, CancellationToken ct = default) =>
        inner.ListTenantOrdersAsync(query, page, ct);

    public Task<OrderStatusCounts> CountOrdersByStatusAsync(CancellationToken ct = default) => inner.CountOrdersByStatusAsync(ct);

    public async Task<Order> CreateOrderAsync(NewOrder order, CancellationToken ct = default)
    {
        var created = await inner.CreateOrderAsync(order, ct);
        await RecordAsync("Order", created.Id, AuditAction.Create, null, created);
        return created;
    }

    public async Task<Order> UpdateOrderAsync(string id, long expectedVersion, OrderChanges changes, CancellationToken ct = default)
    {
        var before = await inner.GetOrderAsync(id, ct);
        var updated = await inner.UpdateOrderAsync(id, expectedVersion, changes, ct);
        await RecordAsync("Order", id, AuditAction.Update, before, updated);
        return updated;
    }

    public Task<BackendHealth> CheckHealthAsync(CancellationToken ct = default) => inner.CheckHealthAsync(ct);

    private async Task RecordAsync<T>(string entity, string id, AuditAction action, T? before, T? after) where T : class
    {
        var entry = new AuditEntry(0, clock.GetUtcNow(), person.Id, person.Name, Tenant.Id, entity, id, action,
            before is null ? null : AuditJson.Write(before), after is null ? null : AuditJson.Write(after));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // The change is already made: a person leaving the page must not cancel its record.
                await log.AppendAsync(entry, CancellationToken.None);
                return;
            }
            catch (Exception e) when (attempt < RetryDelays.Length)
            {
                logger.LogWarning("Audit append failed (attempt {Attempt}), retrying: {Problem}", attempt + 1, e.Message);
                await Task.Delay(RetryDelays[attempt], clock, CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogCritical(e, "UNAUDITED CHANGE: {Actor} {Action} {Entity} {EntityId} in tenant {Tenant} at {At}; before {Before}; after {After}",
                    entry.ActorId, entry.Action, entry.Entity, entry.EntityId, entry.Tenant, entry.At, entry.Before, entry.After);
                throw new AuditWriteFailedException(entry, e);
            }
        }
    }
}
