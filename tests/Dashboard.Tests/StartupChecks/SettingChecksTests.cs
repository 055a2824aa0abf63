using Dashboard.Core.Tenants;

namespace Dashboard.Tests.StartupChecks;

/// <summary>The tenant setting checks every provider reports its problems with.</summary>
public sealed class SettingChecksTests
{
    private static TenantDescriptor Tenant(string? value) =>
        new("t", "t", "Any", new Dictionary<string, string?> { ["Endpoint"] = value });

    [Theory]
    [InlineData("http://127.0.0.1:8443")]
    [InlineData("https://db.fauna.com")]
    public void A_web_address_is_accepted(string url) => Assert.Null(SettingChecks.HttpUrl(Tenant(url), "Endpoint", "\"http://x\""));

    [Theory]
    [InlineData(null, "Settings:Endpoint is required (e.g. \"http://x\").")]
    [InlineData("  ", "Settings:Endpoint is required (e.g. \"http://x\").")]
    [InlineData("127.0.0.1:8443", "Settings:Endpoint must be an absolute http or https URL (got \"127.0.0.1:8443\").")]
    [InlineData("/relative", "Settings:Endpoint must be an absolute http or https URL (got \"/relative\").")]
    [InlineData("ftp://host", "Settings:Endpoint must be an absolute http or https URL (got \"ftp://host\").")]
    public void Anything_else_names_the_key_and_what_was_given(string? value, string problem) =>
        Assert.Equal(problem, SettingChecks.HttpUrl(Tenant(value), "Endpoint", "\"http://x\""));
}
