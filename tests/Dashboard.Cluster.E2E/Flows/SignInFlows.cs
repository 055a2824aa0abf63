using System.Net;

namespace Dashboard.Cluster.E2E.Flows;

/// <summary>Through nginx over https: the redirect from http, HSTS, Secure cookies, the affinity cookie, one sign-in valid on both instances.</summary>
public sealed class SignInFlows(LocalCluster cluster) : ClusterTest(cluster)
{
    [Fact]
    public async Task Http_redirects_to_https_and_https_answers_with_HSTS_and_a_secure_affinity_cookie()
    {
        using var http = new HttpClient(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        });

        using var plain = await http.GetAsync($"http://127.0.0.1:{Cluster.HttpPort}/login", Ct);
        Assert.Equal(HttpStatusCode.MovedPermanently, plain.StatusCode);
        Assert.Equal($"https://127.0.0.1:{Cluster.HttpsPort}/login", plain.Headers.Location?.ToString());

        using var login = await http.GetAsync(new Uri(Cluster.BaseUrl, "/login"), Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.True(login.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "no HSTS header through nginx");
        Assert.StartsWith("max-age=", hsts!.Single());
        var affinity = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dashboard_affinity=", StringComparison.Ordinal));
        Assert.Contains("secure", affinity, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", affinity, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Signing_in_through_nginx_gives_a_secure_cookie_that_both_instances_accept()
    {
        var page = await SignInAsync(AgentEmail, AgentPassword, "/t/sandbox/users");

        var auth = (await page.Context.CookiesAsync()).Single(c => c.Name == "dashboard.auth");
        Assert.True(auth.Secure, "the sign-in cookie is not Secure behind the TLS proxy");
        Assert.True(auth.HttpOnly);
        await Assertions.Expect(page.GetByText("Sam Support")).ToBeVisibleAsync();

        // The same cookie, sent straight to each instance: both know the session (it lives in the shared app store).
        foreach (var n in new[] { 1, 2 })
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Cluster.InstanceUrl(n), "/t/sandbox/users"));
            request.Headers.Add("Cookie", $"dashboard.auth={auth.Value}");
            request.Headers.Add("Accept", "text/html");
            using var answer = await http.SendAsync(request, Ct);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"instance {n} answered {(int)answer.StatusCode} {answer.Headers.Location}");
            Assert.Contains("Sam Support", await answer.Content.ReadAsStringAsync(Ct));
        }
    }
}
