using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.AppStore.KeyRing;

/// <summary>
/// The self-signed certificate Development encrypts its key ring with, made on first start (no tool needed) and
/// kept as a .pfx readable only by its owner. Several processes may start at once: the first file written wins.
/// </summary>
public static class DevelopmentCertificate
{
    public const string Subject = "CN=Serverless Admin data protection (development only)";

    public static X509Certificate2 LoadOrCreate(string path)
    {
        if (!File.Exists(path)) Create(path);
        return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
    }

    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest(Subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temp, certificate.Export(X509ContentType.Pfx));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp); // another process made it first: use theirs
        }
    }
}
