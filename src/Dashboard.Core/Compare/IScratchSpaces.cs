namespace Dashboard.Core.Compare;

/// <summary>
/// Throw-away tenants on one provider kind, beside a configured tenant of that kind (its <c>basis</c>): the same
/// server and credentials, but a table, database, child database or file of their own, so a comparison never
/// reads or writes a real tenant's data. Each provider project registers one.
/// </summary>
public interface IScratchSpaces
{
    /// <summary>The provider kind, as <see cref="Tenants.IDataStoreProvider.Kind"/>.</summary>
    string Kind { get; }

    /// <summary>
    /// Makes what must exist before a store can be built (Fauna's child database and its key) and returns the
    /// settings of a tenant living in scratch space <paramref name="name"/>. Schema creation is the store's job.
    /// </summary>
    Task<IReadOnlyDictionary<string, string?>> CreateAsync(TenantDescriptor basis, string name, CancellationToken ct);

    /// <summary>Removes the scratch space and everything in it; one that is not there is no error.</summary>
    Task DropAsync(TenantDescriptor basis, string name, CancellationToken ct);

    /// <summary>The scratch spaces beside <paramref name="basis"/> whose names start with <paramref name="prefix"/>.</summary>
    Task<IReadOnlyList<string>> ListAsync(TenantDescriptor basis, string prefix, CancellationToken ct);
}
