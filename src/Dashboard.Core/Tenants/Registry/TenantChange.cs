namespace Dashboard.Core.Tenants.Registry;

/// <summary>
/// What Ops submit for a tenant on the admin page. A secret setting left blank keeps its stored value; any other
/// setting left blank is removed. <see cref="ExpectedVersion"/> is the version the edit started from (null: a new tenant).
/// </summary>
public sealed record TenantChange(
    string Id,
    string? DisplayName,
    string Provider,
    IReadOnlyDictionary<string, string?> Settings,
    long? ExpectedVersion);
