using System.Net;

namespace Dashboard.Tests.Access;

/// <summary>Finding 7: staff browsers load images only from this site, data: URLs and the configured avatar hosts.</summary>
public sealed class AvatarPolicyTests
{
    private static async Task<string> ImageSourcesAsync(DashboardServer app)
    {
        var response = await app.Jar().GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        return csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("img-src ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_no_avatar_host_configured_images_come_only_from_this_site()
    {
        await using var app = new DashboardServer();
        Assert.Equal("img-src 'self' data:", await ImageSourcesAsync(app));
    }

    [Fact]
    public async Task Configured_avatar_hosts_are_allowed_over_https_only()
    {
        await using var app = new DashboardServer
        {
            Settings = new Dictionary<string, string?> { ["Avatars:AllowedHosts:0"] = "avatars.example.com", ["Avatars:AllowedHosts:1"] = "*.images.example.net" },
        };
        Assert.Equal("img-src 'self' data: https://avatars.example.com https://*.images.example.net", await ImageSourcesAsync(app));
    }
}
