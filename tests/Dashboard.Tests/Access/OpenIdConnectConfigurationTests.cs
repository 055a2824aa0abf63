using System.Security.Claims;
using Dashboard.Access;
using Dashboard.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Access;

/// <summary>OpenID Connect is chosen by configuration and validated at start; no identity provider is contacted.</summary>
public sealed class OpenIdConnectConfigurationTests
{
    [Fact]
    public async Task Mode_OpenIdConnect_registers_the_scheme_next_to_the_cookie()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "OpenIdConnect",
            ["Auth:OpenIdConnect:Authority"] = "https://login.example.com/tenant/v2.0",
            ["Auth:OpenIdConnect:ClientId"] = "dashboard",
            ["Auth:OpenIdConnect:ClientSecret"] = "from-user-secrets",
        });
        builder.AddDashboardAccess();
        await using var app = builder.Build();

        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.NotNull(await schemes.GetSchemeAsync("OpenIdConnect"));
        Assert.Equal("Cookies", (await schemes.GetDefaultAuthenticateSchemeAsync())!.Name);
        Assert.True(app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.UsesOpenIdConnect);
    }

    [Fact]
    public async Task Local_mode_has_no_OpenIdConnect_scheme()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddDashboardAccess();
        await using var app = builder.Build();
        Assert.Null(await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync("OpenIdConnect"));
    }

    [Fact]
    public void An_incomplete_OpenIdConnect_configuration_names_every_missing_key()
    {
        var result = new AuthOptionsValidator(new TestEnvironment("Development")).Validate(null, new AuthOptions { Mode = "OpenIdConnect", OpenIdConnect = new() { Authority = "http://not-https" } });
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Auth:OpenIdConnect:Authority"));
        Assert.Contains(result.Failures!, f => f.StartsWith("Auth:OpenIdConnect:ClientId"));
        Assert.Contains(result.Failures!, f => f.StartsWith("Auth:OpenIdConnect:ClientSecret"));
        Assert.True(new AuthOptionsValidator(new TestEnvironment("Development")).Validate(null, new AuthOptions { Mode = "Saml" }).Failed);
    }

    [Fact]
    public void IdP_roles_and_tenant_claims_map_to_a_person()
    {
        var settings = new OpenIdConnectSettings { RoleMap = { ["Dashboard.Agents"] = Role.Support } };
        var idp = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim("email", "Lin@Example.com"), new Claim("name", "Lin"),
            new Claim("roles", "Dashboard.Agents"), new Claim("roles", "Viewer"), new Claim("roles", "SomethingElse"),
            new Claim("tenants", "acme globex"), new Claim("tenants", "sandbox"),
        ], "oidc"));

        var person = DashboardClaims.PersonOf(OpenIdConnectMapping.Map(idp, settings));

        Assert.Equal(("lin@example.com", "Lin", Role.Support), (person.Id, person.Name, person.Role));
        Assert.Equal(["acme", "globex", "sandbox"], person.Tenants.Order());
    }

    [Fact]
    public void An_IdP_account_without_a_dashboard_role_is_refused()
    {
        var idp = new ClaimsPrincipal(new ClaimsIdentity([new Claim("email", "x@example.com"), new Claim("roles", "Finance")], "oidc"));
        Assert.Null(OpenIdConnectMapping.Map(idp, new OpenIdConnectSettings()));
    }
}
