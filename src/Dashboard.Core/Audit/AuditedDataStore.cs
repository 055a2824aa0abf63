namespace Dashboard.Core.Audit;

/// <summary>
/// Records every insert and update one person makes in a tenant's backend, with the entity before and after.
/// It sits on the port, under <see cref="TenantStore"/>, because that is where both are known without another
/// read: an update carries the entity it was made from (whose version the write is conditional on) and the
/// entity written.
/// <para>
/// Order: the backend write first, then the audit append. A tenant's backend and the audit store cannot share
/// a transaction, so one of them commits first. Writing the change first means the log only ever holds
/// changes that happened (a failed, conflicting or throttled write leaves no entry), and the "after" is the
/// entity exactly as stored. If the append then fails (after retries), the person gets
/// <see cref="AuditWriteFailedException"/> — "saved, but not recorded" — and the full entry is logged at
/// Critical, so the change is never silently unaudited.
/// </para>
/// </summary>
public sealed class AuditedDataStore(IDataStore inner, string tenantId, Person person, IAuditLog log, TimeProvider clock, ILogger logger)
    : DataStoreDecorator(inner)
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250)];

    public override Task InsertUserAsync(User user, CancellationToken ct) =>
        RecordAfterAsync(base.InsertUserAsync(user, ct), "User", user.Id, AuditAction.Create, null, user);

    public override Task UpdateUserAsync(User user, User current, CancellationToken ct) =>
        RecordAfterAsync(base.UpdateUserAsync(user, current, ct), "User", user.Id, AuditAction.Update, current, user);

    public override Task InsertOrderAsync(Order order, CancellationToken ct) =>
        RecordAfterAsync(base.InsertOrderAsync(order, ct), "Order", order.Id, AuditAction.Create, null, order);

    public override Task UpdateOrderAsync(Order order, Order current, CancellationToken ct) =>
        RecordAfterAsync(base.UpdateOrderAsync(order, current, ct), "Order", order.Id, AuditAction.Update, current, order);

    private async Task RecordAfterAsync<T>(Task write, string entity, string id, AuditAction action, T? before, T after) where T : class
    {
        await write;
        var entry = new AuditEntry(0, clock.GetUtcNow(), person.Id, person.Name, tenantId, entity, id, action,
            before is null ? null : AuditJson.Write(before), AuditJson.Write(after));
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
