using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Dashboard.AppStore.KeyRing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Access;

/// <summary>
/// What an attacker who can read the app store does: read the data-protection key XML straight from its table,
/// load it into a key ring of their own (the application name is no secret) and mint a sign-in cookie, or read one.
/// With <c>certificate</c> they also hold the key-encryption certificate (an insider, or a leaked file).
/// </summary>
public static class CookieForger
{
    public const string CookieName = "dashboard.auth";

    public static IReadOnlyList<XElement> StolenKeys(string appStorePath)
    {
        using var connection = new SqliteConnection($"Data Source={appStorePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Xml FROM data_protection_keys";
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read()) keys.Add(XElement.Parse(reader.GetString(0)));
        return keys;
    }

    public static string Mint(IReadOnlyList<XElement> keys, ClaimsPrincipal principal, X509Certificate2? certificate = null)
    {
        var now = DateTimeOffset.UtcNow;
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(1) }, "Cookies");
        return Format(keys, certificate, f => f.Protect(ticket));
    }

    public static ClaimsPrincipal? Read(IReadOnlyList<XElement> keys, string cookie, X509Certificate2? certificate = null) =>
        Format(keys, certificate, f => f.Unprotect(cookie)?.Principal);

    private static T Format<T>(IReadOnlyList<XElement> keys, X509Certificate2? certificate, Func<TicketDataFormat, T> use)
    {
        var services = new ServiceCollection().AddLogging();
        var dataProtection = services.AddDataProtection()
            .SetApplicationName(KeyRingServiceCollectionExtensions.DataProtectionApplicationName)
            .DisableAutomaticKeyGeneration();
        if (certificate is not null) dataProtection.UnprotectKeysWithAnyCertificate(certificate);
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new Stolen(keys));
        using var provider = services.BuildServiceProvider();
        var protector = provider.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", "Cookies", "v2");
        return use(new TicketDataFormat(protector));
    }

    private sealed class Stolen(IReadOnlyList<XElement> keys) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => keys;
        public void StoreElement(XElement element, string friendlyName) => throw new InvalidOperationException("read-only copy");
    }
}
