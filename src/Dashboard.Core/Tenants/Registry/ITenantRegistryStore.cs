namespace Dashboard.Core.Tenants.Registry;

/// <summary>One stored tenant: what <see cref="TenantOptions"/> holds, plus its state and who changed it last.</summary>
public sealed record TenantRecord(
    string Id,
    string DisplayName,
    string Provider,
    IReadOnlyDictionary<string, string?> Settings,
    bool Disabled,
    bool Pinned,
    long Version,
    string UpdatedBy,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Why writes are refused for the moment (a cut-over in progress); null while writable.</summary>
    public string? ReadOnlyReason { get; init; }

    /// <summary>The backend a cut-over switched the tenant to: applied over <see cref="Provider"/> and <see cref="Settings"/>.</summary>
    public TenantBackendOverride? Override { get; init; }
}

/// <summary>The stored tenants and the change version they were read at.</summary>
public sealed record TenantRegistrySnapshot(IReadOnlyList<TenantRecord> Tenants, long ChangeVersion);

/// <summary>A configured tenant to seed, and whether configuration keeps it (pinned).</summary>
public sealed record ConfiguredTenant(string Id, TenantOptions Options, bool Pinned);

/// <summary>
/// The tenant registry kept in the app store, shared by every instance. Every write moves one store-wide change
/// version, so an instance learns of any change by reading a single number.
/// </summary>
public interface ITenantRegistryStore
{
    /// <summary>The store-wide change version: cheap, read every couple of seconds by each instance.</summary>
    Task<long> ChangeVersionAsync(CancellationToken ct);

    Task<TenantRegistrySnapshot> LoadAsync(CancellationToken ct);

    Task<TenantRecord?> FindAsync(string id, CancellationToken ct);

    /// <summary>
    /// Adds configured tenants the store lacks; rewrites pinned ones from configuration (configuration owns them);
    /// a tenant no longer pinned becomes editable. Tenants only in the store are left alone.
    /// </summary>
    Task SeedAsync(IReadOnlyList<ConfiguredTenant> configured, DateTimeOffset now, CancellationToken ct);

    /// <exception cref="ValidationException">A tenant with this id exists.</exception>
    Task<TenantRecord> AddAsync(TenantRecord tenant, CancellationToken ct);

    /// <summary>Writes the tenant if its stored version is still <paramref name="expectedVersion"/>; the stored version then moves on.</summary>
    /// <exception cref="ConflictException">Someone else saved the tenant since <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="NotFoundException">No such tenant.</exception>
    Task<TenantRecord> UpdateAsync(TenantRecord tenant, long expectedVersion, CancellationToken ct);

    /// <summary>Marks the tenant read-only (with the reason pages show) or writable again (null); moves the change version.</summary>
    Task SetReadOnlyAsync(string id, string? reason, CancellationToken ct);

    /// <summary>
    /// Switches the tenant to another backend (null: back to its own entry's), and makes it writable, in one
    /// transaction that moves the change version. The override is kept apart from the tenant's entry, so seeding a
    /// pinned tenant from configuration leaves it in force.
    /// </summary>
    Task SetOverrideAsync(string id, TenantBackendOverride? backend, CancellationToken ct);
}

/// <summary>A backend a tenant is reached on: a provider and its settings.</summary>
public sealed record TenantBackend(string Provider, IReadOnlyDictionary<string, string?> Settings)
{
    public static TenantBackend Of(TenantDescriptor tenant) => new(tenant.ProviderKind, tenant.Settings);
}

/// <summary>
/// A cut-over's switch: the backend the tenant is on now, the one it left (kept untouched for a rollback), until
/// when a rollback is offered, and who switched it when.
/// </summary>
public sealed record TenantBackendOverride(TenantBackend Backend, TenantBackend Previous, DateTimeOffset RollbackUntil, string SetBy, DateTimeOffset SetAt);
