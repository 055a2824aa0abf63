using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Access;

namespace Dashboard.Tests.Access;

/// <summary>
/// Settings that make the real app fit to start outside Development: a key-encryption certificate (a .pfx with a
/// password, as an operator would deploy one) and a local account with its own password. Tenants are the
/// test server's SQLite files, which hold no secret.
/// </summary>
public static class ProductionApp
{
    public const string Email = "boss@example.com", Password = "a-long-production-password-7";

    private static readonly Lazy<(string Path, string Password)> Certificate = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "dashboard-prod-cert-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "dataprotection.pfx");
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=dashboard data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password);
    });

    private static readonly Lazy<string> Hash = new(() => LocalSignIn.Hash(Password));

    /// <summary>Everything production needs; <paramref name="overrides"/> change single keys (null removes one).</summary>
    public static Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? overrides = null, bool withAccount = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:Certificate:Path"] = Certificate.Value.Path,
            ["DataProtection:Certificate:Password"] = Certificate.Value.Password,
        };
        if (withAccount)
        {
            settings["Auth:LocalAccounts:0:Email"] = Email;
            settings["Auth:LocalAccounts:0:Name"] = "The Boss";
            settings["Auth:LocalAccounts:0:PasswordHash"] = Hash.Value;
            settings["Auth:LocalAccounts:0:Role"] = "Ops";
        }
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            if (value is null) settings.Remove(key);
            else settings[key] = value;
        return settings;
    }
}
