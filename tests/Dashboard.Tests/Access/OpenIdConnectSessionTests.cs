using System.Net;
using System.Security.Claims;
using Dashboard.Access;
using Dashboard.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Access;

/// <summary>
/// OpenID Connect sign-ins get server-side sessions too: the app's own token-validated event (no identity
/// provider is contacted) stores one, its cookie opens what the mapped role grants, and sign-out ends it.
/// </summary>
public sealed class OpenIdConnectSessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DashboardServer OidcApp() => new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "OpenIdConnect",
            ["Auth:OpenIdConnect:Authority"] = "https://login.example.com/tenant/v2.0",
            ["Auth:OpenIdConnect:ClientId"] = "dashboard",
            ["Auth:OpenIdConnect:ClientSecret"] = "from-user-secrets",
            ["Auth:OpenIdConnect:RoleMap:Dashboard.Agents"] = "Support",
        },
    };

    /// <summary>Runs the app's OnTokenValidated for an IdP principal, as the handler does after the code exchange.</summary>
    private static async Task<TokenValidatedContext> TokenValidatedAsync(DashboardServer app, params Claim[] claims)
    {
        var options = app.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        var scope = app.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var scheme = new AuthenticationScheme(OpenIdConnectDefaults.AuthenticationScheme, null, typeof(OpenIdConnectHandler));
        var context = new TokenValidatedContext(http, scheme, options, new ClaimsPrincipal(new ClaimsIdentity(claims, "oidc")), new AuthenticationProperties());
        await options.Events.TokenValidated(context);
        return context;
    }

    /// <summary>The sign-in cookie the cookie handler would write for this principal (the app's own ticket format).</summary>
    private static string CookieFor(DashboardServer app, ClaimsPrincipal principal)
    {
        var cookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        return cookie.TicketDataFormat.Protect(new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow, ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) }, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    [Fact]
    public async Task An_OpenID_Connect_sign_in_stores_a_session_whose_cookie_opens_what_the_mapped_role_grants_until_sign_out()
    {
        await using var app = OidcApp();
        var validated = await TokenValidatedAsync(app.Started(),
            new Claim("email", "Lin@Example.com"), new Claim("name", "Lin"), new Claim("roles", "Dashboard.Agents"), new Claim("tenants", "acme sandbox"));

        Assert.Null(validated.Result); // not failed
        Assert.NotNull(DashboardClaims.SessionTokenOf(validated.Principal));
        var session = Assert.Single(await app.Services.GetRequiredService<PersonSessions>().ListActiveAsync("lin@example.com", Ct));
        Assert.Equal((SessionSources.OpenIdConnect, "Support"), (session.Source, session.Role));
        Assert.Equal(["Dashboard.Agents"], session.SourceRoles);

        var browser = app.Jar();
        browser.Set(CookieForger.CookieName, CookieFor(app, validated.Principal!));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/t/sandbox/users")).StatusCode);
        Assert.StartsWith("/forbidden", (await browser.GetAsync("/audit")).RedirectPath());
        Assert.StartsWith("/forbidden", (await browser.GetAsync("/t/initech/users")).RedirectPath());

        var copy = browser.CopyTo(app.RawClient());
        await browser.SignOutAsync();
        Assert.True((await copy.GetAsync("/t/sandbox/users")).SendsToSignIn());
    }

    [Fact]
    public async Task An_IdP_account_without_a_dashboard_role_gets_no_session()
    {
        await using var app = OidcApp();
        var validated = await TokenValidatedAsync(app.Started(), new Claim("email", "x@example.com"), new Claim("roles", "Finance"));
        Assert.NotNull(validated.Result?.Failure);
        Assert.Empty(await app.Services.GetRequiredService<PersonSessions>().ListActiveAsync("x@example.com", Ct));
    }

    [Fact]
    public async Task Each_check_maps_the_IdP_roles_with_the_current_role_map()
    {
        await using var parts = await AccessParts.StartAsync(new AuthOptions
        {
            Mode = "OpenIdConnect",
            OpenIdConnect = new OpenIdConnectSettings { RoleMap = { ["Dashboard.Agents"] = Role.Support } },
        }, Ct);
        var subject = OpenIdConnectMapping.Subject(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("email", "lin@example.com"), new Claim("roles", "Dashboard.Agents")], "oidc")), parts.Options.Value.OpenIdConnect)!;
        var user = await parts.PersonSessions.StartAsync(subject, new DefaultHttpContext(), Ct);
        Assert.Equal(Role.Support, DashboardClaims.PersonOf(await parts.Validator.ValidateAsync(user, fresh: true, Ct)).Role);

        parts.Options.Value = new AuthOptions { Mode = "OpenIdConnect", OpenIdConnect = new OpenIdConnectSettings { RoleMap = { ["Dashboard.Agents"] = Role.Viewer } } };
        Assert.Equal(Role.Viewer, DashboardClaims.PersonOf(await parts.Validator.ValidateAsync(user, fresh: true, Ct)).Role);

        parts.Options.Value = new AuthOptions { Mode = "OpenIdConnect" };
        Assert.Null(await parts.Validator.ValidateAsync(user, fresh: true, Ct));
    }
}
