namespace Dashboard.Core.Errors;

/// <summary>A write refused because the tenant is read-only for a moment (its data is moving to another backend).</summary>
public sealed class TenantReadOnlyException(string tenant, string reason)
    : StoreException($"Tenant '{tenant}' is {reason}: nothing was changed; try again in a few seconds.")
{
    public string Tenant { get; } = tenant;

    public string Reason { get; } = reason;
}
