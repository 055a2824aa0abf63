namespace Dashboard.Core.Tenants;

/// <summary>The configured tenants, validated, in configuration order.</summary>
public sealed class TenantRegistry
{
    private readonly Dictionary<string, TenantDescriptor> _byId;
    private readonly Dictionary<string, IDataStoreProvider> _providers;

    public TenantRegistry(IOptions<TenantsOptions> options, IEnumerable<IDataStoreProvider> providers)
    {
        _providers = providers.ToDictionary(p => p.Kind, StringComparer.OrdinalIgnoreCase);
        All = options.Value.Tenants
            .Select(t => Describe(t.Key, t.Value, _providers.GetValueOrDefault(t.Value.Provider)))
            .ToList();
        _byId = All.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<TenantDescriptor> All { get; }

    public TenantDescriptor? Find(string? id) => id is not null && _byId.TryGetValue(id, out var t) ? t : null;

    public TenantDescriptor Get(string id) =>
        Find(id) ?? throw new Errors.NotFoundException("Tenant", id);

    public IDataStoreProvider ProviderOf(TenantDescriptor tenant) => _providers[tenant.ProviderKind];

    /// <summary>The product name of a tenant's backend for people ("DynamoDB", "PlanetScale"...).</summary>
    public string ProductNameOf(TenantDescriptor tenant) =>
        _providers.TryGetValue(tenant.ProviderKind, out var p) ? p.ProductName : tenant.ProviderKind;

    internal static TenantDescriptor Describe(string id, TenantOptions options, IDataStoreProvider? provider) =>
        new(id, options.DisplayName ?? id, provider?.Kind ?? options.Provider,
            new Dictionary<string, string?>(options.Settings, StringComparer.OrdinalIgnoreCase));
}
