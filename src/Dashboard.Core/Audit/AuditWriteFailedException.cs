namespace Dashboard.Core.Audit;

/// <summary>
/// The change was saved in the tenant's backend, but its audit entry could not be written. The person is told
/// so (it is not a silent success), and the entry is logged in full so it can be added to the log later.
/// </summary>
public sealed class AuditWriteFailedException(AuditEntry entry, Exception inner)
    : StoreException($"{entry.Entity} {entry.EntityId} was saved, but the audit log could not record the change ({inner.Message}). " +
                     "Operations have been alerted; do not repeat the change.", inner)
{
    public AuditEntry Entry { get; } = entry;
}
