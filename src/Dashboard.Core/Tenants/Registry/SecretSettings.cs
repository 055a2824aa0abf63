namespace Dashboard.Core.Tenants.Registry;

/// <summary>
/// Which tenant settings are secrets (their names say so: password, secret, key, connection string). Secrets are
/// write-only for people: pages show that one is set, never its value, and the audit log records "set".
/// </summary>
public static class SecretSettings
{
    public const string Shown = "(set)";

    private static readonly string[] Marks = ["password", "pwd", "secret", "key", "token", "connectionstring"];

    public static bool IsSecret(string settingName) =>
        Marks.Any(m => settingName.Replace("_", "").Replace("-", "").Contains(m, StringComparison.OrdinalIgnoreCase));

    /// <summary>The settings with every secret value replaced by <see cref="Shown"/> (for the audit log and pages).</summary>
    public static Dictionary<string, string?> Masked(IReadOnlyDictionary<string, string?> settings) =>
        settings.ToDictionary(s => s.Key, s => IsSecret(s.Key) && !string.IsNullOrEmpty(s.Value) ? Shown : s.Value, StringComparer.OrdinalIgnoreCase);
}
