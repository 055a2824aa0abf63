namespace Dashboard.Core.Audit;

/// <summary>
/// The append-only record of every change, kept in the dashboard's own store (not a tenant's backend).
/// There is no update or delete: entries are only ever appended and read.
/// </summary>
public interface IAuditLog
{
    /// <summary>Stores the entry (its <see cref="AuditEntry.Id"/> is ignored and assigned) and returns it as stored.</summary>
    Task<AuditEntry> AppendAsync(AuditEntry entry, CancellationToken ct);

    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct);
}
