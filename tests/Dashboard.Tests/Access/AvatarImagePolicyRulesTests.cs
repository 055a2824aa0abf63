using Dashboard.Access;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Access;

/// <summary>The policy's CSP host matching, which the pages use to decide between an image and initials.</summary>
public sealed class AvatarImagePolicyRulesTests
{
    private static readonly Uri Site = new("https://admin.example.com/");

    private static AvatarImagePolicy Policy(params string[] hosts) => new(Options.Create(new AvatarOptions { AllowedHosts = [.. hosts] }));

    [Theory]
    [InlineData("https://a.images.example.net/x.png", true)]
    [InlineData("https://a.b.images.example.net/x.png", true)]
    [InlineData("https://images.example.net/x.png", false)]      // "*." is subdomains only, as in CSP
    [InlineData("https://badimages.example.net/x.png", false)]
    [InlineData("https://AVATARS.example.com/x.png", true)]
    [InlineData("https://avatars.example.com:443/x.png", true)]
    [InlineData("https://cdn.example.org:8443/x.png", true)]
    [InlineData("https://cdn.example.org/x.png", false)]          // a source with a port matches that port only
    [InlineData("https://admin.example.com/avatars/x.png", true)] // this site ('self')
    [InlineData("data:image/png;base64,AAAA", true)]
    [InlineData("ftp://avatars.example.com/x.png", false)]
    [InlineData("not a url", false)]
    [InlineData(null, false)]
    public void Matches_what_the_csp_allows(string? url, bool shown) =>
        Assert.Equal(shown, Policy("avatars.example.com", "*.images.example.net", "cdn.example.org:8443").Shows(url, Site));

    [Fact]
    public void The_csp_sources_and_the_hint_come_from_the_same_hosts()
    {
        var policy = Policy("avatars.example.com", "*.images.example.net");

        Assert.Equal("'self' data: https://avatars.example.com https://*.images.example.net", policy.ImageSources);
        Assert.Equal("Images from this host are not shown (allowed: avatars.example.com, *.images.example.net).",
            policy.NotShownHint("https://elsewhere.example.org/x.png", Site));
        Assert.Null(policy.NotShownHint("https://x.images.example.net/x.png", Site));
        Assert.Equal("Images from this host are not shown (allowed: this site only).", Policy().NotShownHint("https://elsewhere.example.org/x.png", Site));
    }
}
