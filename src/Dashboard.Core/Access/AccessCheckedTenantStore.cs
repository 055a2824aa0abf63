namespace Dashboard.Core.Access;

/// <summary>
/// A tenant's store as one person may use it: reads need a grant for the tenant, writes need a role that
/// writes. Checked on every call, before anything reaches the backend or the audit log.
/// </summary>
public sealed class AccessCheckedTenantStore(ITenantStore inner, Person person) : TenantStoreDecorator(inner)
{
    protected override Task<T> InvokeAsync<T>(TenantOperation operation, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        !person.CanRead(Tenant.Id) ? Task.FromException<T>(AccessDenied.Tenant(person, Tenant.Id))
        : !TenantOperations.IsWrite(operation) || person.CanWrite(Tenant.Id) ? call(ct)
        : Task.FromException<T>(AccessDenied.Write(person, Tenant.Id));
}
