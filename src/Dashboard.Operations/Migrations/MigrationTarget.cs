using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Operations.Migrations;

/// <summary>Where a tenant is to be moved: a provider and its settings, as a tenant of that provider would have them.</summary>
public sealed record MigrationTarget(string ProviderKind, IReadOnlyDictionary<string, string?> Settings)
{
    /// <summary>The tenant as it would be on the target: same id and name, the target's provider and settings.</summary>
    public TenantDescriptor For(TenantDescriptor tenant) =>
        new(tenant.Id, tenant.DisplayName, ProviderKind, new Dictionary<string, string?>(Settings, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// A SHA-256 of provider and settings (keys sorted, case-folded): what a checkpoint keeps to recognise its
    /// target without storing its secrets.
    /// </summary>
    public string Fingerprint()
    {
        var text = new StringBuilder(ProviderKind.ToLowerInvariant());
        foreach (var (key, value) in Settings.OrderBy(s => s.Key.ToLowerInvariant(), StringComparer.Ordinal))
            text.Append('\n').Append(key.ToLowerInvariant()).Append('=').Append(value);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
