namespace Dashboard.Core.Access;

/// <summary>
/// Who is asking: an id (email or OIDC subject), a name to show and record, a role and the tenants granted.
/// Ops reach every tenant whatever their grants. <see cref="System"/> is background work (seeding, tools).
/// </summary>
public sealed record Person(string Id, string Name, Role? Role, IReadOnlySet<string> Tenants, bool IsSystem = false)
{
    /// <summary>Nobody is signed in: every tenant is refused.</summary>
    public static Person Anonymous { get; } = new("", "anonymous", null, new HashSet<string>());

    /// <summary>The app itself (start-up seeding, schema, load tools): all tenants, writes audited as "system".</summary>
    public static Person System { get; } = new("system", "system", Access.Role.Ops, new HashSet<string>(), IsSystem: true);

    public bool IsSignedIn => IsSystem || (Id.Length > 0 && Role is not null);

    public bool IsOps => Role == Access.Role.Ops;

    public bool CanRead(string tenantId) => IsSignedIn && (IsOps || Tenants.Contains(tenantId));

    public bool CanWrite(string tenantId) => CanRead(tenantId) && Role is Access.Role.Ops or Access.Role.Support;
}
