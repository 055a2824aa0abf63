namespace Dashboard.Services;

/// <summary>Resolves the tenant of a tenant page (/t/{tenant}/…) for the signed-in person.</summary>
public sealed class TenantScopes(TenantRegistry registry, ITenantStoreFactory stores, ICurrentPerson current, GuardedCalls calls)
{
    public TenantResolution Resolve(string tenantId)
    {
        // The store factory decides access, and refuses before it looks the tenant up, so a person without a
        // grant learns nothing about which tenants exist.
        var store = calls.Run(() => stores.For(tenantId), tenantId);
        return store.Error switch
        {
            null => new TenantResolution.Found(new TenantScope(store.Value!.Tenant, registry.ProductNameOf(store.Value.Tenant),
                store.Value, current.Person.CanWrite(tenantId))),
            ForbiddenException refused => new TenantResolution.Forbidden(tenantId, refused.Message),
            NotFoundException { Entity: "Tenant" } => new TenantResolution.Unknown(tenantId),
            TenantDisabledException => new TenantResolution.Disabled(tenantId, store.Problem!),
            _ => new TenantResolution.Failed(tenantId, store.Problem!),
        };
    }
}
