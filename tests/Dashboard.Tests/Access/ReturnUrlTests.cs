using Dashboard.Access;

namespace Dashboard.Tests.Access;

public sealed class ReturnUrlTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/t/acme/users?q=ada&by=name")]
    [InlineData("/t/acme/users/01J0000000000000000000000A")]
    [InlineData("/audit?tenant=acme#top")]
    public void Local_paths_are_kept(string url) => Assert.Equal(url, ReturnUrls.LocalOrHome(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("///evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("\\\\evil.example")]
    [InlineData("/%2F%2Fevil.example")]
    [InlineData("/%5Cevil.example")]
    [InlineData("/%252F%252Fevil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("evil.example")]
    [InlineData("/\tevil")]
    [InlineData(" /t/acme/users")]
    public void Anything_else_goes_home(string? url) => Assert.Equal("/", ReturnUrls.LocalOrHome(url));

    [Fact]
    public void The_login_link_carries_only_a_local_return_path()
    {
        Assert.Equal("/login?returnUrl=%2Ft%2Facme%2Fusers%3Fq%3Dx", ReturnUrls.LoginPath("/t/acme/users?q=x"));
        Assert.Equal("/login?returnUrl=%2F", ReturnUrls.LoginPath("//evil.example"));
    }
}
