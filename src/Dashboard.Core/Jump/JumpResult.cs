namespace Dashboard.Core.Jump;

public enum JumpTargetKind
{
    Order,
    User,
}

/// <summary>A place the jump box can open: an order or a user in one tenant, with what to show in a list of several.</summary>
public sealed record JumpHit(string Tenant, string TenantName, JumpTargetKind Kind, string Id, string Label);

/// <summary>
/// What the jump box found: the places the input names (one opens at once, several are listed, e.g. the same
/// id in two tenants), the tenants that could not be asked and why, or for plain text a users search to open.
/// </summary>
public sealed record JumpResult(JumpInput Input, IReadOnlyList<JumpHit> Hits, IReadOnlyList<string> Problems, string? SearchTenant = null)
{
    public bool IsSearch => SearchTenant is not null;
}
