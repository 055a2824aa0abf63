using Dashboard.Core;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.AppStore.KeyRing;

public static class KeyRingServiceCollectionExtensions
{
    /// <summary>Application name the key ring is bound to: every instance behind a load balancer must share it.</summary>
    public const string DataProtectionApplicationName = "serverless-admin";

    /// <summary>
    /// Data-protection keys kept in the app store (so every instance shares them), encrypted there with the
    /// configured certificate and decrypted with it or any previous one. Without a usable certificate, start-up
    /// is refused (options validation) with a message naming the keys to set.
    /// </summary>
    public static IServiceCollection AddAppStoreKeyRing(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(KeyProtectionOptions.Section);
        var certificates = KeyProtectionCertificates.Load(section.Get<KeyProtectionOptions>() ?? new(), environment);
        services.TryAddSingleton(certificates);
        services.AddValidatedOptions<KeyProtectionOptions, KeyProtectionRequired>(section);
        var dataProtection = services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<AppStoreDbContext>();
        if (certificates.Current is { } current)
            dataProtection.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([.. certificates.All]);
        services.TryAddSingleton<PlaintextKeyRevoker>(); // run by AppStoreStartup, before the key ring is first loaded
        return services;
    }
}
