using System.Net;
using Dashboard.AppStore.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Access;

/// <summary>
/// Finding 5, over real sockets: behind a TLS-terminating proxy the app learns the original scheme and client
/// from X-Forwarded-Proto/-For, but only when the connection comes from a configured proxy. Cookies are then
/// Secure and HSTS is sent; anyone else's forwarded headers change nothing.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly Dictionary<string, string?> ThisMachineIsTheProxy = new() { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" };

    private static CookieJar ViaProxy(DashboardServer app, string proto = "https", string client = "203.0.113.9")
    {
        var jar = app.Jar();
        jar.Headers["X-Forwarded-Proto"] = proto;
        jar.Headers["X-Forwarded-For"] = client;
        return jar;
    }

    private static bool AllSecure(CookieJar jar, string name) =>
        jar.SetCookies.Where(c => c.StartsWith(name, StringComparison.Ordinal)).All(c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase))
        && jar.SetCookies.Any(c => c.StartsWith(name, StringComparison.Ordinal));

    [Fact]
    public async Task Through_a_known_proxy_an_https_request_gets_Secure_cookies_and_its_client_address_is_recorded()
    {
        await using var app = new DashboardServer { Kestrel = true, Settings = ThisMachineIsTheProxy };
        var browser = ViaProxy(app);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("viewer@example.com", "viewer-pass-1")).StatusCode);

        Assert.True(AllSecure(browser, ".AspNetCore.Antiforgery"), string.Join("\n", browser.SetCookies));
        Assert.True(AllSecure(browser, "dashboard.auth"), string.Join("\n", browser.SetCookies));
        var session = Assert.Single(await app.Services.GetRequiredService<SessionStore>().ListActiveAsync(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(-1), "viewer@example.com", 10, Ct));
        Assert.Equal("203.0.113.9", session.ClientAddress);
    }

    [Theory]
    [InlineData(null)]          // no proxy configured
    [InlineData("10.9.9.9")]    // a proxy, but not the one connecting
    public async Task Forwarded_headers_from_anyone_else_change_nothing(string? proxy)
    {
        await using var app = new DashboardServer
        {
            Kestrel = true,
            Settings = proxy is null ? new Dictionary<string, string?>() : new() { ["ForwardedHeaders:KnownProxies:0"] = proxy },
        };
        var browser = ViaProxy(app);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("viewer@example.com", "viewer-pass-1")).StatusCode);

        Assert.DoesNotContain(browser.SetCookies, c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        var session = Assert.Single(await app.Services.GetRequiredService<SessionStore>().ListActiveAsync(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(-1), "viewer@example.com", 10, Ct));
        Assert.Equal("127.0.0.1", session.ClientAddress);
    }

    [Fact]
    public async Task In_production_HSTS_is_sent_when_the_original_request_was_https_and_only_then()
    {
        var settings = ProductionApp.Settings(ThisMachineIsTheProxy);
        await using var app = new DashboardServer { Kestrel = true, Environment = "Production", Settings = settings };
        foreach (var (proto, expected) in new[] { ("https", true), ("http", false) })
        {
            var browser = ViaProxy(app, proto);
            browser.Headers["Host"] = "dashboard.example.com"; // HSTS is never sent to localhost names
            var response = await browser.GetAsync("/login");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected, response.Headers.Contains("Strict-Transport-Security"));
            Assert.Equal(expected, AllSecure(browser, ".AspNetCore.Antiforgery"));
        }
    }
}
