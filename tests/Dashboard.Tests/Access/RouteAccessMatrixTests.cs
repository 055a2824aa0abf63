using System.Net;

namespace Dashboard.Tests.Access;

/// <summary>
/// Every route × role × tenant over HTTP against the real app: allowed (200), redirected to /login with the
/// return path (anonymous), or forbidden (a signed-in person without the role or grant lands on /forbidden, 403).
/// </summary>
public sealed class RouteAccessMatrixTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private const string SomeId = "01JD0000000000000000000000";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, (string Email, string Password)> Accounts = new()
    {
        ["ops"] = ("ops@example.com", "ops-pass-1"),
        ["agent"] = ("agent@example.com", "agent-pass-1"),
        ["viewer"] = ("viewer@example.com", "viewer-pass-1"),
    };

    public static TheoryData<string, string, string> Matrix()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var who in new[] { "anonymous", "ops", "agent", "viewer" })
        {
            foreach (var route in new[] { "/", "/ops/throughput", "/ops/throttling", "/ops/cost", "/ops/sessions", "/ops/alerts", "/ops/tenants", "/ops/migrations", "/audit" })
                data.Add(who, route, who == "anonymous" ? "login" : route == "/" || who == "ops" ? "allowed" : "forbidden");
            foreach (var tenant in DashboardServer.TenantIds)
            {
                var granted = who == "ops" || (who == "agent" && tenant != "initech") || (who == "viewer" && tenant == "sandbox");
                foreach (var route in new[] { $"/t/{tenant}/users", $"/t/{tenant}/users?q=ada&by=name", $"/t/{tenant}/users/{SomeId}", $"/t/{tenant}/orders/{SomeId}" })
                    data.Add(who, route, who == "anonymous" ? "login" : granted ? "allowed" : "forbidden");
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Route_answers_by_role_and_tenant(string who, string route, string expected)
    {
        var client = who == "anonymous" ? server.Browser() : await server.SignedInAsync(Accounts[who].Email, Accounts[who].Password);
        var response = await client.GetAsync(route, Ct);
        switch (expected)
        {
            case "allowed":
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("Sign out", await response.Content.ReadAsStringAsync(Ct));
                break;
            case "login":
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Equal("/login?returnUrl=" + Uri.EscapeDataString(route), response.Headers.Location!.PathAndQuery);
                break;
            default:
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Equal("/forbidden", response.Headers.Location!.AbsolutePath);
                var page = await client.GetAsync(response.Headers.Location, Ct);
                Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
                break;
        }
    }

    [Theory]
    [InlineData("anonymous", null, HttpStatusCode.Unauthorized)]
    [InlineData("agent", null, HttpStatusCode.Forbidden)]
    [InlineData("viewer", null, HttpStatusCode.Forbidden)]
    [InlineData("ops", null, HttpStatusCode.OK)]
    [InlineData("anonymous", DashboardServer.ScrapeToken, HttpStatusCode.OK)]
    [InlineData("anonymous", "wrong-token-wrong-token-wrong", HttpStatusCode.Unauthorized)]
    public async Task Metrics_answer_ops_or_the_scrape_token(string who, string? token, HttpStatusCode expected)
    {
        var client = who == "anonymous" ? server.Browser() : await server.SignedInAsync(Accounts[who].Email, Accounts[who].Password);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.ParseAdd("text/plain");
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        Assert.Equal(expected, (await client.SendAsync(request, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_Blazor_hub_needs_a_sign_in()
    {
        var anonymous = await server.Browser().PostAsync("/_blazor/negotiate?negotiateVersion=1", null, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var agent = await server.SignedInAsync("agent@example.com", "agent-pass-1");
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsync("/_blazor/negotiate?negotiateVersion=1", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Liveness_is_anonymous_and_tells_anonymous_callers_only_the_status()
    {
        var anonymous = await server.Browser().GetStringAsync("/healthz", Ct);
        Assert.StartsWith("{\"status\":", anonymous);
        Assert.DoesNotContain("checks", anonymous);
        var ops = await (await server.SignedInAsync("ops@example.com", "ops-pass-1")).GetStringAsync("/healthz", Ct);
        Assert.Contains("\"checks\"", ops);
    }

    [Fact]
    public async Task The_login_page_and_static_assets_are_anonymous_and_every_response_carries_the_security_headers()
    {
        var client = server.Browser();
        var login = await client.GetAsync("/login", Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var html = await login.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<label for=\"email\">Email</label>", html);
        Assert.Contains("<label for=\"password\">Password</label>", html);
        Assert.Contains(">Sign in</button>", html);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/sign-in.css", Ct)).StatusCode);

        var csp = Assert.Single(login.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self' 'nonce-", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(login.Headers.GetValues("X-Content-Type-Options")));
        // HSTS only outside Development (and only over https).
        Assert.False(login.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("/%2F%2Fevil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task Signing_in_never_redirects_off_site(string returnUrl)
    {
        var response = await DashboardServer.PostLoginAsync(server.Browser(), "ops@example.com", "ops-pass-1", returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString.Replace("http://localhost", ""));
    }

    [Fact]
    public async Task Signing_in_returns_to_the_local_page_asked_for()
    {
        var response = await DashboardServer.PostLoginAsync(server.Browser(), "agent@example.com", "agent-pass-1", "/t/acme/users?q=ada");
        Assert.Equal("/t/acme/users?q=ada", response.Headers.Location!.OriginalString.Replace("http://localhost", ""));
    }

    [Fact]
    public async Task A_wrong_password_stays_on_the_form_and_five_lock_the_account()
    {
        // Its own app: the lockout must not leak into the other tests' sign-ins.
        await using var own = new DashboardServer();
        var client = own.Browser();
        for (var i = 0; i < 4; i++)
        {
            var wrong = await DashboardServer.PostLoginAsync(client, "viewer@example.com", $"wrong-{i}");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("Email or password is not right.", await wrong.Content.ReadAsStringAsync(Ct));
        }
        await DashboardServer.PostLoginAsync(client, "viewer@example.com", "wrong-5");
        var right = await DashboardServer.PostLoginAsync(client, "viewer@example.com", "viewer-pass-1");
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("Too many failed attempts", await right.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/t/sandbox/users", Ct)).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await server.SignedInAsync("agent@example.com", "agent-pass-1");
        var page = await client.GetStringAsync("/t/sandbox/users", Ct);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signOut = await client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.StartsWith("/login", signOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/t/sandbox/users", Ct)).StatusCode);
    }
}
