using System.Net;

namespace Dashboard.Tests.Access;

/// <summary>
/// Finding 4, over real sockets: sign-in attempts are rate-limited per client address and per account, even
/// when one antiforgery token is replayed. The client address is the proxy's word only for a configured proxy.
/// </summary>
public sealed class SignInRateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DashboardServer App(bool behindProxy) => new()
    {
        Kestrel = true,
        Settings = new Dictionary<string, string?>
        {
            ["Auth:SignInRateLimit:PerAddress:PermitLimit"] = "3",
            ["Auth:SignInRateLimit:PerAccount:PermitLimit"] = "4",
            ["ForwardedHeaders:KnownProxies:0"] = behindProxy ? "127.0.0.1" : null,
        },
    };

    /// <summary>One client (one antiforgery token, replayed) posting as <paramref name="address"/> says.</summary>
    private static async Task<(CookieJar Jar, string Token)> AttackerAsync(DashboardServer app, string address)
    {
        var jar = app.Jar();
        jar.Headers["X-Forwarded-For"] = address;
        return (jar, await jar.AntiforgeryTokenAsync());
    }

    [Fact]
    public async Task Attempts_from_one_address_are_limited_and_other_addresses_are_not()
    {
        await using var app = App(behindProxy: true);
        var (jar, token) = await AttackerAsync(app, "203.0.113.1");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await jar.SignInAsync($"guess-{i}@example.com", "wrong", token)).StatusCode);

        var limited = await jar.SignInAsync("guess-3@example.com", "wrong", token);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many sign-in attempts", await limited.Content.ReadAsStringAsync(Ct));

        var (other, otherToken) = await AttackerAsync(app, "203.0.113.2");
        Assert.Equal(HttpStatusCode.Redirect, (await other.SignInAsync("viewer@example.com", "viewer-pass-1", otherToken)).StatusCode);
    }

    [Fact]
    public async Task Attempts_on_one_account_are_limited_across_addresses()
    {
        await using var app = App(behindProxy: true);
        for (var i = 0; i < 4; i++)
        {
            var (jar, token) = await AttackerAsync(app, $"198.51.100.{i + 1}");
            Assert.Equal(HttpStatusCode.BadRequest, (await jar.SignInAsync("Ops@Example.com", $"wrong-{i}", token)).StatusCode);
        }
        var (late, lateToken) = await AttackerAsync(app, "198.51.100.99");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await late.SignInAsync("ops@example.com", "ops-pass-1", lateToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await late.SignInAsync("agent@example.com", "agent-pass-1", lateToken)).StatusCode);
    }

    [Fact]
    public async Task Without_a_configured_proxy_a_made_up_X_Forwarded_For_buys_no_fresh_address()
    {
        await using var app = App(behindProxy: false);
        for (var i = 0; i < 3; i++)
        {
            var (jar, token) = await AttackerAsync(app, $"192.0.2.{i + 1}");
            Assert.Equal(HttpStatusCode.BadRequest, (await jar.SignInAsync($"guess-{i}@example.com", "wrong", token)).StatusCode);
        }
        var (next, nextToken) = await AttackerAsync(app, "192.0.2.200");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await next.SignInAsync("guess-9@example.com", "wrong", nextToken)).StatusCode);
    }
}
