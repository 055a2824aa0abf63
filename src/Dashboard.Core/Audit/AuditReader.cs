namespace Dashboard.Core.Audit;

/// <summary>
/// Reading the audit log as the current person: the whole log (any filter) is for Ops; anyone who may read a
/// tenant may read the history of one entity in it (the user and order pages show it).
/// </summary>
public sealed class AuditReader(IAuditLog log, ICurrentPerson current)
{
    public Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken ct = default)
    {
        var person = current.Person;
        if (!person.IsOps) throw new Errors.ForbiddenException("Only Ops may search the audit log.");
        return log.QueryAsync(query, ct);
    }

    public Task<AuditPage> HistoryAsync(string tenantId, string entity, string entityId, long? beforeId = null, int size = 10, CancellationToken ct = default)
    {
        var person = current.Person;
        if (!person.CanRead(tenantId)) throw AccessDenied.Tenant(person, tenantId);
        return log.QueryAsync(new AuditQuery(Tenant: tenantId, Entity: entity, EntityId: entityId, BeforeId: beforeId, Size: size), ct);
    }
}
