using System.Security.Cryptography.X509Certificates;

namespace Dashboard.AppStore.KeyRing;

/// <summary>
/// The certificates that protect the key ring: the current one (encrypts and decrypts) and the previous ones
/// (decrypt only). When they cannot be had, <see cref="Problem"/> says what an operator has to configure.
/// </summary>
public sealed class KeyProtectionCertificates
{
    private KeyProtectionCertificates(X509Certificate2? current, IReadOnlyList<X509Certificate2> all, string? problem, string? generatedAt)
    {
        Current = current;
        All = all;
        Problem = problem;
        DevelopmentCertificatePath = generatedAt;
    }

    public X509Certificate2? Current { get; }

    public IReadOnlyList<X509Certificate2> All { get; }

    /// <summary>Null when the key ring can be protected.</summary>
    public string? Problem { get; }

    /// <summary>Set when this is Development's generated certificate.</summary>
    public string? DevelopmentCertificatePath { get; }

    public const string NotConfigured =
        "DataProtection:Certificate is not configured. Outside Development the data-protection keys in the app store " +
        "(they sign the sign-in cookies) must be encrypted at rest: set DataProtection:Certificate:Path to a PKCS#12 " +
        "file with an RSA private key (and DataProtection:Certificate:Password from a secret store), or " +
        "DataProtection:Certificate:Thumbprint for a certificate in the certificate store.";

    public static KeyProtectionCertificates Load(KeyProtectionOptions options, IHostEnvironment environment)
    {
        X509Certificate2 current;
        string? generated = null;
        if (options.Certificate.IsSet)
        {
            var (certificate, problem) = TryLoad(options.Certificate, "DataProtection:Certificate");
            if (certificate is null) return Failed(problem!);
            current = certificate;
        }
        else if (environment.IsDevelopment())
        {
            generated = Path.Combine(environment.ContentRootPath, options.DevelopmentCertificatePath);
            current = DevelopmentCertificate.LoadOrCreate(generated);
        }
        else
        {
            return Failed(NotConfigured);
        }

        var all = new List<X509Certificate2> { current };
        for (var i = 0; i < options.PreviousCertificates.Count; i++)
        {
            var (certificate, problem) = TryLoad(options.PreviousCertificates[i], $"DataProtection:PreviousCertificates:{i}");
            if (certificate is null) return Failed(problem!);
            all.Add(certificate);
        }
        return new(current, all, null, generated);
    }

    private static KeyProtectionCertificates Failed(string problem) => new(null, [], problem, null);

    private static (X509Certificate2?, string?) TryLoad(CertificateSource source, string key)
    {
        X509Certificate2? certificate;
        try
        {
            certificate = !string.IsNullOrWhiteSpace(source.Path)
                ? X509CertificateLoader.LoadPkcs12FromFile(source.Path, source.Password)
                : FromStore(source);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            return (null, $"{key}: the certificate could not be loaded ({e.Message}).");
        }
        if (certificate is null)
            return (null, $"{key}:Thumbprint {source.Thumbprint} is not in the {source.StoreLocation}/{source.StoreName} certificate store.");
        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
            return (null, $"{key}: the certificate {certificate.Thumbprint} has no RSA private key; the key ring needs one to decrypt its keys.");
        return (certificate, null);
    }

    private static X509Certificate2? FromStore(CertificateSource source)
    {
        using var store = new X509Store(source.StoreName, source.StoreLocation);
        store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
        var thumbprint = source.Thumbprint!.Replace(" ", "", StringComparison.Ordinal);
        var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
        return found.Count == 0 ? null : found[0];
    }
}
