using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Dashboard.Access;
using Dashboard.AppStore;
using Dashboard.AppStore.KeyRing;
using Dashboard.Core.Access;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Access;

/// <summary>
/// Finding 1: someone who can read the app store tries to mint an Ops cookie from the stored key material. The
/// keys are encrypted, so they cannot; and even holding the certificate too, a cookie names a server-side session
/// and is rebuilt from it, so a person who exists nowhere, or a made-up or raised session, is refused.
/// </summary>
public sealed class ForgedCookieTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static readonly string[] ProtectedRoutes = ["/audit", "/t/initech/users", "/t/sandbox/users", "/ops/sessions"];

    private async Task<CookieJar> SignedInAsync(string email, string password)
    {
        var jar = server.Jar();
        Assert.Equal(HttpStatusCode.Redirect, (await jar.SignInAsync(email, password)).StatusCode);
        return jar;
    }

    private CookieJar Holding(string cookie)
    {
        var jar = server.Jar();
        jar.Set(CookieForger.CookieName, cookie);
        return jar;
    }

    /// <summary>
    /// The key XML an attacker reads from the running app's store. The app is started and has made its first key
    /// before: a test that runs first in this class would otherwise find no store file yet.
    /// </summary>
    private IReadOnlyList<System.Xml.Linq.XElement> StolenKeys()
    {
        server.Started().Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("key-ring-in-use").Protect("x");
        return CookieForger.StolenKeys(server.AppStorePath);
    }

    private System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate =>
        server.Services.GetRequiredService<KeyProtectionCertificates>().Current!;

    [Fact]
    public async Task The_stored_keys_are_encrypted_so_reading_the_store_is_not_enough_to_mint_a_cookie()
    {
        await SignedInAsync("ops@example.com", "ops-pass-1"); // the key ring has a key in use

        var keys = StolenKeys().Where(k => k.Name.LocalName == "key").ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, k =>
        {
            Assert.DoesNotContain(k.Descendants(), e => e.Name.LocalName == "masterKey");
            Assert.Contains(k.Descendants(), e => e.Name.LocalName == "encryptedSecret");
        });
        var mallory = DashboardClaims.Principal("mallory@evil.example", "Mallory", Role.Ops, [], SessionTokens.New());
        var refused = Record.Exception(() => CookieForger.Mint(keys, mallory));
        Assert.True(refused is CryptographicException or InvalidOperationException, $"minting should fail, got {refused}");
    }

    [Fact]
    public async Task Holding_the_certificate_too_a_cookie_for_someone_not_configured_is_refused_everywhere()
    {
        var keys = StolenKeys();
        var mallory = DashboardClaims.Principal("mallory@evil.example", "Mallory", Role.Ops, [], SessionTokens.New());
        var forged = Holding(CookieForger.Mint(keys, mallory, Certificate));

        foreach (var route in ProtectedRoutes)
        {
            Assert.True((await forged.GetAsync(route)).SendsToSignIn(), route);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/metrics", accept: "text/plain")).StatusCode);
        Assert.Null(forged[CookieForger.CookieName]); // the refused cookie is deleted
    }

    [Fact]
    public async Task A_cookie_for_a_real_Ops_account_with_a_made_up_session_or_none_is_refused()
    {
        var keys = StolenKeys();
        foreach (var token in new[] { SessionTokens.New(), null })
        {
            var ops = DashboardClaims.Principal("ops@example.com", "Olivia Ops", Role.Ops, [], token);
            Assert.True((await Holding(CookieForger.Mint(keys, ops, Certificate)).GetAsync("/audit")).SendsToSignIn());
        }
    }

    [Fact]
    public async Task The_forger_works_a_real_session_re_minted_opens_what_it_grants_and_raised_claims_are_ignored()
    {
        var agent = await SignedInAsync("agent@example.com", "agent-pass-1");
        var keys = StolenKeys();
        var real = CookieForger.Read(keys, agent[CookieForger.CookieName]!, Certificate)!;
        var token = DashboardClaims.SessionTokenOf(real)!;

        // Control: the same minting, with the agent's real session as it is, is accepted.
        var same = Holding(CookieForger.Mint(keys, real, Certificate));
        Assert.Equal(HttpStatusCode.OK, (await same.GetAsync("/t/sandbox/users")).StatusCode);

        // Raised to Ops with every tenant: the principal is rebuilt from the session's account, so still Support.
        var raised = Holding(CookieForger.Mint(keys, DashboardClaims.Principal("agent@example.com", "Sam", Role.Ops, ["initech"], token), Certificate));
        Assert.StartsWith("/forbidden", (await raised.GetAsync("/audit")).RedirectPath());
        Assert.StartsWith("/forbidden", (await raised.GetAsync("/t/initech/users")).RedirectPath());

        // Someone else's session token under another person's name: refused outright.
        var borrowed = Holding(CookieForger.Mint(keys, DashboardClaims.Principal("ops@example.com", "Olivia", Role.Ops, [], token), Certificate));
        Assert.True((await borrowed.GetAsync("/audit")).SendsToSignIn());
    }

    [Fact]
    public async Task A_key_an_earlier_version_stored_in_the_clear_is_revoked_at_start_and_cookies_minted_with_it_are_refused()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dashboard-plainkey-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "dashboard.db");
        var plaintextKey = await StoreAKeyInTheClearAsync(path);

        await using var upgraded = new DashboardServer { AppStorePath = path };
        var keyManager = upgraded.Started().Services.GetRequiredService<IKeyManager>();
        Assert.True(keyManager.GetAllKeys().Single(k => k.KeyId == plaintextKey).IsRevoked);

        // A real session, its cookie re-minted with the old plaintext key (no certificate needed for that one).
        var agent = upgraded.Jar();
        var signIn = await agent.SignInAsync("agent@example.com", "agent-pass-1");
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, await signIn.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var stolen = CookieForger.StolenKeys(path);
        var real = CookieForger.Read(stolen, agent[CookieForger.CookieName]!, upgraded.Services.GetRequiredService<KeyProtectionCertificates>().Current)!;
        var onlyThePlaintextKey = stolen.Where(k => k.Name.LocalName == "key" && (Guid)k.Attribute("id")! == plaintextKey).ToList();
        var minted = upgraded.Jar();
        minted.Set(CookieForger.CookieName, CookieForger.Mint(onlyThePlaintextKey, real));
        Assert.True((await minted.GetAsync("/t/sandbox/users")).SendsToSignIn());
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/t/sandbox/users")).StatusCode);
    }

    /// <summary>An app store as an earlier version left it: schema, and a data-protection key stored unencrypted.</summary>
    private static async Task<Guid> StoreAKeyInTheClearAsync(string path)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AppStore:ConnectionString"] = $"Data Source={path}" }).Build();
        var services = new ServiceCollection().AddLogging().AddAppStore(configuration);
        services.AddDataProtection().SetApplicationName(KeyRingServiceCollectionExtensions.DataProtectionApplicationName).PersistKeysToDbContext<AppStoreDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using (var db = await provider.GetRequiredService<IDbContextFactory<AppStoreDbContext>>().CreateDbContextAsync())
            await AppStoreSchema.EnsureAsync(db, mySql: false, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var key = provider.GetRequiredService<IKeyManager>().CreateNewKey(now.AddMinutes(-5), now.AddDays(90));
        Assert.NotNull(PlaintextKeyIdOf(CookieForger.StolenKeys(path)));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return key.KeyId;
    }

    private static Guid? PlaintextKeyIdOf(IEnumerable<System.Xml.Linq.XElement> keys) =>
        keys.Where(k => k.Descendants().Any(e => e.Name.LocalName == "masterKey")).Select(k => (Guid?)(Guid)k.Attribute("id")!).FirstOrDefault();
}
