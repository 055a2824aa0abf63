using System.Net;
using System.Text.Json;
using Dashboard.Access;
using Dashboard.AppStore.KeyRing;
using Dashboard.Core.Tenants;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Tests.Access;

/// <summary>
/// Findings 1 and 6: outside Development the app starts only with its key ring protected and without the
/// development credentials, demo passwords or an empty account list; each refusal names what to set.
/// </summary>
public sealed class ProductionStartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_production_configuration_starts_and_its_account_signs_in()
    {
        await using var app = new DashboardServer { Environment = "Production", Settings = ProductionApp.Settings() };
        var browser = app.Jar();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/healthz", accept: "application/json")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(ProductionApp.Email, ProductionApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/audit")).StatusCode);
        // The demo accounts of appsettings.Development.json do not exist here.
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Jar().SignInAsync("ops@example.com", "ops-pass-1")).StatusCode);
    }

    public static TheoryData<string, string[], string> Refusals() => new()
    {
        { "no key protection", ["DataProtection:Certificate:Path=", "DataProtection:Certificate:Password="], KeyProtectionCertificates.NotConfigured },
        { "a wrong certificate password", ["DataProtection:Certificate:Password=wrong"], "DataProtection:Certificate: the certificate could not be loaded" },
        { "the development MySQL password", ["Tenants:legacy:Provider=PlanetScale", "Tenants:legacy:Settings:ConnectionString=Server=db;Database=legacy;User ID=app;Password=app-pass"],
            "Tenants:legacy:Settings:ConnectionString still holds the local development password" },
        { "the development Fauna secret", ["Tenants:faunadev:Provider=Fauna", "Tenants:faunadev:Settings:Endpoint=https://db.fauna.example", "Tenants:faunadev:Settings:Secret=secret"],
            "Tenants:faunadev:Settings:Secret still holds the local development secret" },
        { "the development password for the app store", ["AppStore:Provider=MySql", "AppStore:ConnectionString=Server=db;Database=dashboard;User ID=app;Pwd=app-pass"],
            "AppStore:ConnectionString still holds the local development password" },
        { "a demo password", [$"Auth:LocalAccounts:0:PasswordHash={LocalSignIn.Hash("ops-pass-1")}"], "has a demo password" },
        { "an avatar host that is not a host", ["Avatars:AllowedHosts:0=evil.example; script-src *"], "Avatars:AllowedHosts:0" },
        { "a proxy that is not an address", ["ForwardedHeaders:KnownProxies:0=the-load-balancer"], "ForwardedHeaders:KnownProxies:0" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Production_refuses_to_start_with(string what, string[] settings, string message)
    {
        var overrides = settings.Select(s => s.Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1]);
        await using var app = new DashboardServer { Environment = "Production", Settings = ProductionApp.Settings(overrides) };
        var refusal = Record.Exception(() => app.Started());
        Assert.True(refusal is not null, $"started with {what}");
        Assert.Contains(message, refusal.ToString());
    }

    [Fact]
    public async Task Production_refuses_local_sign_in_with_no_account()
    {
        await using var app = new DashboardServer { Environment = "Production", Settings = ProductionApp.Settings(withAccount: false) };
        var refusal = Record.Exception(() => app.Started());
        Assert.Contains("Auth:Mode is Local but Auth:LocalAccounts is empty", refusal?.ToString());
        await using var development = new DashboardServer { Environment = "Development", Settings = ProductionApp.Settings(withAccount: false) };
        Assert.Equal(HttpStatusCode.OK, (await development.Jar().GetAsync("/login")).StatusCode);
    }

    [Fact]
    public void The_committed_settings_keep_development_credentials_in_the_development_file_which_production_refuses()
    {
        var root = LocalSignInTests.RepoRoot();
        var baseFile = File.ReadAllText(Path.Combine(root, "appsettings.json"));
        Assert.DoesNotContain("app-pass", baseFile);
        var tenants = JsonDocument.Parse(baseFile).RootElement.GetProperty("Tenants");
        Assert.False(tenants.GetProperty("globex").GetProperty("Settings").TryGetProperty("ConnectionString", out _));
        Assert.False(tenants.GetProperty("initech").GetProperty("Settings").TryGetProperty("Secret", out _));

        // What Development loads (both files) still works there, and is refused anywhere else.
        var configuration = new ConfigurationBuilder().SetBasePath(root)
            .AddJsonFile("appsettings.json").AddJsonFile("appsettings.Development.json").Build();
        var options = new TenantsOptions();
        configuration.GetSection(TenantsOptions.Section).Bind(options.Tenants);
        Assert.Contains("app-pass", options.Tenants["globex"].Settings["ConnectionString"]);
        Assert.True(new DevelopmentSecretsRefused(new TestEnvironment("Development")).Validate(null, options).Succeeded);
        var production = new DevelopmentSecretsRefused(new TestEnvironment("Production")).Validate(null, options);
        Assert.True(production.Failed);
        Assert.Contains(production.Failures!, f => f.StartsWith("Tenants:globex:Settings:ConnectionString", StringComparison.Ordinal));
        Assert.Contains(production.Failures!, f => f.StartsWith("Tenants:initech:Settings:Secret", StringComparison.Ordinal));
    }
}
