using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Logging;

namespace Dashboard.AppStore.KeyRing;

/// <summary>
/// At start, revokes every key an earlier version stored unencrypted: whoever read the store then could mint
/// cookies with it. A revoked key neither protects nor unprotects, so such cookies are refused; people sign in again.
/// The app store's start-up runs it right after the schema, before anything loads the key ring (a ring loaded
/// earlier would keep using the old key for a while after the revocation).
/// </summary>
internal sealed class PlaintextKeyRevoker(
    IDbContextFactory<AppStoreDbContext> contexts, IKeyManager keys, KeyProtectionCertificates certificates, ILogger<PlaintextKeyRevoker> log)
{
    public const string Reason = "stored unencrypted in the app store";

    public async Task RunAsync(CancellationToken ct)
    {
        if (certificates.DevelopmentCertificatePath is { } path)
            log.LogInformation("Data-protection keys are encrypted with the development certificate {Path}", path);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(ct);
        var plaintext = stored.Select(PlaintextKeyId).OfType<Guid>().ToHashSet();
        if (plaintext.Count == 0) return;
        var revoked = keys.GetAllKeys().Where(k => k.IsRevoked).Select(k => k.KeyId).ToHashSet();
        foreach (var id in plaintext.Where(id => !revoked.Contains(id)))
        {
            keys.RevokeKey(id, Reason);
            log.LogWarning("Data-protection key {KeyId} was stored unencrypted; revoked it (cookies it signed are no longer accepted)", id);
        }
    }

    /// <summary>The id of a key element whose master key is readable as stored (an encrypted key holds only encryptedSecret).</summary>
    internal static Guid? PlaintextKeyId(string? xml)
    {
        if (string.IsNullOrWhiteSpace(xml)) return null;
        XElement element;
        try { element = XElement.Parse(xml); }
        catch (System.Xml.XmlException) { return null; }
        if (element.Name.LocalName != "key" || !element.Descendants().Any(e => e.Name.LocalName == "masterKey")) return null;
        return Guid.TryParse((string?)element.Attribute("id"), out var id) ? id : null;
    }
}
