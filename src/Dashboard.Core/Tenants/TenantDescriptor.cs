namespace Dashboard.Core.Tenants;

/// <summary>A validated tenant: its id, its name for people, its provider and that provider's settings.</summary>
public sealed record TenantDescriptor(string Id, string DisplayName, string ProviderKind, IReadOnlyDictionary<string, string?> Settings)
{
    public string? Setting(string key) => Settings.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>The setting, or an exception naming the tenant and the key (validation at start makes this rare).</summary>
    public string RequiredSetting(string key) =>
        Setting(key) ?? throw new InvalidOperationException($"Tenants:{Id}:Settings:{key} is required for provider {ProviderKind}.");

    public bool Flag(string key) => bool.TryParse(Setting(key), out var on) && on;
}
