namespace Dashboard.Core.Access;

/// <summary>What a person may do. Ops: every tenant, ops pages, audit. Support: read and edit granted tenants. Viewer: read granted tenants.</summary>
public enum Role
{
    Viewer,
    Support,
    Ops,
}
