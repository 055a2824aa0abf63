using Dashboard.Core.Tenants.Registry;

namespace Dashboard.Services;

/// <summary>
/// The tenant dialog's values. Secrets are write-only: a stored secret comes in blank (shown as set), and left
/// blank it keeps its stored value when saved (<see cref="TenantAdmin"/>).
/// </summary>
public sealed class TenantForm
{
    public sealed class SettingLine
    {
        public string Key { get; set; } = "";
        public string? Value { get; set; }

        /// <summary>The store holds a value for this secret (shown as set; never sent to the browser).</summary>
        public bool StoredSecret { get; init; }

        public bool IsSecret => SecretSettings.IsSecret(Key);
    }

    public string Id { get; set; } = "";
    public string? DisplayName { get; set; }
    public string Provider { get; set; } = "";
    public List<SettingLine> Settings { get; } = [];
    public long? Version { get; private set; }
    public bool IsNew => Version is null;

    /// <summary>A new tenant, with the settings a sandbox needs as a start.</summary>
    public static TenantForm New(string provider) => new()
    {
        Provider = provider,
        Settings = { new SettingLine { Key = "ConnectionString" }, new SettingLine { Key = "CreateSchema", Value = "true" } },
    };

    public static TenantForm From(TenantRecord stored)
    {
        var form = new TenantForm { Id = stored.Id, DisplayName = stored.DisplayName, Provider = stored.Provider, Version = stored.Version };
        foreach (var (key, value) in stored.Settings.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase))
            form.Settings.Add(SecretSettings.IsSecret(key)
                ? new SettingLine { Key = key, StoredSecret = !string.IsNullOrEmpty(value) }
                : new SettingLine { Key = key, Value = value });
        return form;
    }

    public TenantChange ToChange() => new(Id, DisplayName, Provider,
        Settings.Where(s => !string.IsNullOrWhiteSpace(s.Key))
            .GroupBy(s => s.Key.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.OrdinalIgnoreCase),
        Version);
}
