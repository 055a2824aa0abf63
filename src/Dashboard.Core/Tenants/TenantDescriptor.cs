namespace Dashboard.Core.Tenants;

/// <summary>A validated tenant: its id, its name for people, its provider and that provider's settings.</summary>
public sealed record TenantDescriptor(string Id, string DisplayName, string ProviderKind, IReadOnlyDictionary<string, string?> Settings)
{
    /// <summary>Ops switched the tenant off: its data is neither read nor written until it is enabled again.</summary>
    public bool Disabled { get; init; }

    /// <summary>Kept as configured (<c>appsettings.json → Tenants</c>): read-only on the tenants admin page.</summary>
    public bool Pinned { get; init; }

    /// <summary>The registry row's version (0 for a tenant known only from configuration); an edit names the one it started from.</summary>
    public long Version { get; init; }

    public string? UpdatedBy { get; init; }

    /// <summary>Why writes are refused for the moment ("read-only while it moves to DynamoDB"); null while writable.</summary>
    public string? ReadOnlyReason { get; init; }

    /// <summary>
    /// Provider and settings come from a migration's cut-over kept in the app store, not from the tenant's own
    /// entry (which, for a pinned tenant, is configuration's): the override wins until it is rolled back.
    /// </summary>
    public Registry.TenantBackend? BackendOverride { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public string? Setting(string key) => Settings.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>The setting, or an exception naming the tenant and the key (validation at start makes this rare).</summary>
    public string RequiredSetting(string key) =>
        Setting(key) ?? throw new InvalidOperationException($"Tenants:{Id}:Settings:{key} is required for provider {ProviderKind}.");

    public bool Flag(string key) => bool.TryParse(Setting(key), out var on) && on;

    /// <summary>Whether a store built for <paramref name="other"/> would differ from one built for this tenant (provider or settings).</summary>
    public bool ReachedDifferentlyThan(TenantDescriptor other) =>
        !string.Equals(ProviderKind, other.ProviderKind, StringComparison.OrdinalIgnoreCase)
        || Settings.Count != other.Settings.Count
        || Settings.Any(s => !other.Settings.TryGetValue(s.Key, out var v) || !string.Equals(v, s.Value, StringComparison.Ordinal));
}
