namespace Dashboard.Core.Tenants;

/// <summary>
/// The tenants, validated, in order. Starts from configuration (<c>appsettings.json → Tenants</c>); where the app
/// store keeps the registry, <see cref="Registry.TenantRegistrySync"/> replaces the list with the stored one at start
/// and whenever the store's change version moves. Readers always see one whole list (swapped atomically).
/// </summary>
public sealed class TenantRegistry
{
    private readonly Dictionary<string, IDataStoreProvider> _providers;
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Snapshot _current;

    private sealed record Snapshot(IReadOnlyList<TenantDescriptor> All, Dictionary<string, TenantDescriptor> ById, long ChangeVersion);

    /// <param name="store">When given, the registry is not final until the store's list is applied (see <see cref="WhenLoadedAsync"/>).</param>
    public TenantRegistry(IOptions<TenantsOptions> options, IEnumerable<IDataStoreProvider> providers, Registry.ITenantRegistryStore? store = null)
    {
        _providers = providers.ToDictionary(p => p.Kind, StringComparer.OrdinalIgnoreCase);
        _current = Build(options.Value.Tenants
            .Select(t => Describe(t.Key, t.Value, _providers.GetValueOrDefault(t.Value.Provider))).ToList(), 0);
        if (store is null) _loaded.TrySetResult();
    }

    public IReadOnlyList<TenantDescriptor> All => _current.All;

    /// <summary>The app store's change version the list reflects (0 until it was read).</summary>
    public long ChangeVersion => _current.ChangeVersion;

    /// <summary>Raised after a replace with the ids whose store must be rebuilt: removed, disabled, or reached differently.</summary>
    public event Action<IReadOnlyCollection<string>>? TenantsChanged;

    public TenantDescriptor? Find(string? id) => id is not null && _current.ById.TryGetValue(id, out var t) ? t : null;

    public TenantDescriptor Get(string id) =>
        Find(id) ?? throw new Errors.NotFoundException("Tenant", id);

    public IDataStoreProvider ProviderOf(TenantDescriptor tenant) => _providers[tenant.ProviderKind];

    public IDataStoreProvider? FindProvider(string kind) => _providers.GetValueOrDefault(kind);

    public IReadOnlyCollection<IDataStoreProvider> Providers => _providers.Values;

    /// <summary>The product name of a tenant's backend for people ("DynamoDB", "PlanetScale"...).</summary>
    public string ProductNameOf(TenantDescriptor tenant) =>
        _providers.TryGetValue(tenant.ProviderKind, out var p) ? p.ProductName : tenant.ProviderKind;

    /// <summary>Completes once the stored list was applied (at once when there is no store): start-up work waits for it.</summary>
    public Task WhenLoadedAsync(CancellationToken ct) => _loaded.Task.WaitAsync(ct);

    /// <summary>Swaps in the stored list; an older change version than the current one is ignored.</summary>
    public void Replace(IReadOnlyList<TenantDescriptor> tenants, long changeVersion)
    {
        Snapshot before, after;
        lock (_providers)
        {
            before = _current;
            if (changeVersion < before.ChangeVersion) return;
            after = Build(tenants, changeVersion);
            _current = after;
        }
        _loaded.TrySetResult();
        var stale = before.All
            .Where(old => !after.ById.TryGetValue(old.Id, out var now) || now.Disabled || now.ReachedDifferentlyThan(old))
            .Select(t => t.Id).ToList();
        if (stale.Count > 0) TenantsChanged?.Invoke(stale);
    }

    private static Snapshot Build(IReadOnlyList<TenantDescriptor> all, long changeVersion) =>
        new(all, all.ToDictionary(t => t.Id, StringComparer.Ordinal), changeVersion);

    internal static TenantDescriptor Describe(string id, TenantOptions options, IDataStoreProvider? provider) =>
        new(id, string.IsNullOrWhiteSpace(options.DisplayName) ? id : options.DisplayName, provider?.Kind ?? options.Provider,
            new Dictionary<string, string?>(options.Settings, StringComparer.OrdinalIgnoreCase));
}
