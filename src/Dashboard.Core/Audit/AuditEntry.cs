namespace Dashboard.Core.Audit;

/// <summary>What a write did to an entity.</summary>
public enum AuditAction
{
    Create,
    Update,
    Delete,
    /// <summary>A list was exported (entity "Export"; the filter, rows and result in "after").</summary>
    Export,
    /// <summary>A step of a tenant's migration to another backend (entity "Migration", the tenant's id; the step in "after").</summary>
    Migrate,
}

/// <summary>
/// One change, as recorded: who (person id and name), when, where (tenant), what (entity kind and id), and the
/// entity's values before and after as JSON (null before a create, null after a delete). <see cref="Id"/> is
/// assigned by the log, increases with every append, and is the paging key.
/// </summary>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset At,
    string ActorId,
    string ActorName,
    string Tenant,
    string Entity,
    string EntityId,
    AuditAction Action,
    string? Before,
    string? After);
