using System.Security.Cryptography.X509Certificates;

namespace Dashboard.AppStore.KeyRing;

/// <summary>
/// <c>appsettings → DataProtection</c>: the certificate that encrypts the data-protection keys kept in the app
/// store. Outside Development one is required; in Development a self-signed one is generated under .data/.
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>Encrypts new keys and decrypts stored ones.</summary>
    public CertificateSource Certificate { get; set; } = new();

    /// <summary>Certificates rotated out: they still decrypt keys encrypted before the rotation, never encrypt.</summary>
    public List<CertificateSource> PreviousCertificates { get; set; } = [];

    /// <summary>Where Development keeps its generated certificate (relative to the content root).</summary>
    public string DevelopmentCertificatePath { get; set; } = ".data/dataprotection-dev.pfx";
}

/// <summary>A certificate with its RSA private key: a PKCS#12 file (<see cref="Path"/>) or one in the certificate store (<see cref="Thumbprint"/>).</summary>
public sealed class CertificateSource
{
    public string? Path { get; set; }

    /// <summary>The .pfx password: user secrets or the environment (<c>DataProtection__Certificate__Password</c>), never appsettings.json.</summary>
    public string? Password { get; set; }

    public string? Thumbprint { get; set; }
    public StoreName StoreName { get; set; } = StoreName.My;
    public StoreLocation StoreLocation { get; set; } = StoreLocation.CurrentUser;

    public bool IsSet => !string.IsNullOrWhiteSpace(Path) || !string.IsNullOrWhiteSpace(Thumbprint);
}
