using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Dashboard.Access;

/// <summary>
/// OpenID Connect (authorization code + PKCE) for production, e.g. Entra ID. On sign-in the IdP's claims are
/// mapped to ours: the role claim through <see cref="OpenIdConnectSettings.RoleMap"/> (highest role wins), the
/// tenant claim to tenant grants. Someone the IdP knows but who holds no dashboard role is refused. A session is
/// stored as for local sign-ins, keeping the IdP's role values so every check maps them with the current RoleMap.
/// </summary>
public static class OpenIdConnectMapping
{
    public static void Configure(OpenIdConnectOptions o, OpenIdConnectSettings settings)
    {
        o.Authority = settings.Authority;
        o.ClientId = settings.ClientId;
        o.ClientSecret = settings.ClientSecret;
        o.ResponseType = "code";
        o.UsePkce = true;
        o.SaveTokens = false;
        o.MapInboundClaims = false;
        o.CallbackPath = "/signin-oidc";
        o.SignedOutCallbackPath = "/signout-callback-oidc";
        o.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile", "email" }) o.Scope.Add(scope);
        o.Events.OnTokenValidated = async context =>
        {
            if (Subject(context.Principal!, settings) is not { } subject)
            {
                context.Fail("This account has no role in the dashboard.");
                return;
            }
            var sessions = context.HttpContext.RequestServices.GetRequiredService<PersonSessions>();
            context.Principal = await sessions.StartAsync(subject, context.HttpContext, context.HttpContext.RequestAborted);
        };
    }

    /// <summary>Our principal for an IdP principal (without a session), or null when it carries no dashboard role.</summary>
    public static ClaimsPrincipal? Map(ClaimsPrincipal idp, OpenIdConnectSettings settings) =>
        Subject(idp, settings) is { } s ? DashboardClaims.Principal(s.PersonId, s.Name, s.Role, s.Tenants) : null;

    /// <summary>Who the session is for, or null when the IdP principal carries no dashboard role or no id.</summary>
    public static SessionSubject? Subject(ClaimsPrincipal idp, OpenIdConnectSettings settings)
    {
        var sourceRoles = idp.FindAll(settings.RoleClaim).Select(c => c.Value).ToList();
        if (RoleOf(sourceRoles, settings) is not { } role) return null;
        var id = (idp.FindFirst("email")?.Value ?? idp.FindFirst("preferred_username")?.Value ?? idp.FindFirst("sub")?.Value ?? "").ToLowerInvariant();
        if (id.Length == 0) return null;
        var name = idp.FindFirst("name")?.Value ?? id;
        var tenants = idp.FindAll(settings.TenantClaim)
            .SelectMany(c => c.Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal).ToList();
        return new SessionSubject(id, name, role, tenants, SessionSources.OpenIdConnect, sourceRoles, Stamp: "");
    }

    /// <summary>The highest dashboard role among the IdP's role values, through the RoleMap or by name.</summary>
    public static Role? RoleOf(IEnumerable<string> sourceRoles, OpenIdConnectSettings settings)
    {
        var roles = sourceRoles.Select(v => RoleOf(v, settings)).OfType<Role>().ToList();
        return roles.Count == 0 ? null : roles.Max();
    }

    private static Role? RoleOf(string value, OpenIdConnectSettings settings) =>
        settings.RoleMap.TryGetValue(value, out var mapped) ? mapped
        : Enum.TryParse<Role>(value, ignoreCase: true, out var role) && Enum.IsDefined(role) ? role
        : null;
}
