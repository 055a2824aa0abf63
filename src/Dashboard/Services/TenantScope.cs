namespace Dashboard.Services;

/// <summary>
/// A tenant page's tenant, resolved once: who it is, its backend's product name, and the store that acts for the
/// signed-in person (access-checked and audited as them).
/// </summary>
public sealed record TenantScope(TenantDescriptor Tenant, string ProductName, ITenantStore Store, bool CanWrite)
{
    public string Id => Tenant.Id;

    public string DisplayName => Tenant.DisplayName;
}

/// <summary>What a tenant id in a URL turned out to be, for the person asking.</summary>
public abstract record TenantResolution(string TenantId)
{
    /// <summary>A tenant the person may open.</summary>
    public sealed record Found(TenantScope Scope) : TenantResolution(Scope.Id);

    /// <summary>No tenant has this id (said only to people who could open it if it existed).</summary>
    public sealed record Unknown(string TenantId) : TenantResolution(TenantId);

    /// <summary>The person has no grant for this tenant; <paramref name="Reason"/> is the service layer's sentence.</summary>
    public sealed record Forbidden(string TenantId, string Reason) : TenantResolution(TenantId);

    /// <summary>Ops disabled the tenant: nothing of it is read or written; <paramref name="Message"/> says so, for the person.</summary>
    public sealed record Disabled(string TenantId, string Message) : TenantResolution(TenantId);

    /// <summary>The tenant's store could not be set up; <paramref name="Problem"/> says why, for the person.</summary>
    public sealed record Failed(string TenantId, string Problem) : TenantResolution(TenantId);
}
