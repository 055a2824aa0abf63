namespace Dashboard.Core.Errors;

/// <summary>The tenant is disabled by Ops: every read and write of its data is refused until it is enabled again.</summary>
public sealed class TenantDisabledException(string tenant)
    : StoreException($"Tenant '{tenant}' is disabled: its data cannot be read or changed until Ops enable it again.")
{
    public string Tenant { get; } = tenant;
}
