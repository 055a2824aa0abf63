namespace Dashboard.Core.Stores;

/// <summary>
/// Hands out a tenant's store for the current person (scoped: one per circuit, request or tool run). Refuses
/// a tenant the person has no grant for, and every store it gives checks access on each call and audits writes.
/// </summary>
public interface ITenantStoreFactory
{
    /// <exception cref="Errors.ForbiddenException">The current person has no grant for the tenant.</exception>
    ITenantStore For(string tenantId);
}

public sealed class TenantStoreFactory(
    TenantRegistry registry,
    ITenantBackends backends,
    ICurrentPerson current,
    IAuditLog audit,
    TimeProvider clock,
    ILogger<AuditedDataStore> auditLogger) : ITenantStoreFactory
{
    public ITenantStore For(string tenantId)
    {
        var person = current.Person;
        // Refused before the registry is asked, so the answer does not reveal which tenants exist.
        if (!person.CanRead(tenantId)) throw AccessDenied.Tenant(person, tenantId);
        var tenant = registry.Get(tenantId);
        if (tenant.Disabled) throw new TenantDisabledException(tenantId);
        // Outermost first: access check, the domain service, the audit of this person's writes, the tenant's
        // backend store of the moment (metering, resilience, provider; built on first use, evicted when idle).
        var audited = new AuditedDataStore(new LiveBackendStore(backends, tenantId), tenant.Id, person, audit, clock, auditLogger);
        return new AccessCheckedTenantStore(new TenantStore(tenant, audited, clock, UlidGenerator.Shared), person);
    }
}
