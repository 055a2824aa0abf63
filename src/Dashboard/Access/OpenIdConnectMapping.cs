using Dashboard.Core.Access;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Dashboard.Access;

/// <summary>
/// OpenID Connect (authorization code + PKCE) for production, e.g. Entra ID. On sign-in the IdP's claims are
/// mapped to ours: the role claim through <see cref="OpenIdConnectSettings.RoleMap"/> (highest role wins), the
/// tenant claim to tenant grants. Someone the IdP knows but who holds no dashboard role is refused.
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
        o.Events.OnTokenValidated = context =>
        {
            var mapped = Map(context.Principal!, settings);
            if (mapped is null)
            {
                context.Fail("This account has no role in the dashboard.");
                return Task.CompletedTask;
            }
            context.Principal = mapped;
            return Task.CompletedTask;
        };
    }

    /// <summary>Our principal for an IdP principal, or null when it carries no dashboard role.</summary>
    public static System.Security.Claims.ClaimsPrincipal? Map(System.Security.Claims.ClaimsPrincipal idp, OpenIdConnectSettings settings)
    {
        var roles = idp.FindAll(settings.RoleClaim).Select(c => RoleOf(c.Value, settings)).OfType<Role>().ToList();
        if (roles.Count == 0) return null;
        var id = (idp.FindFirst("email")?.Value ?? idp.FindFirst("preferred_username")?.Value ?? idp.FindFirst("sub")?.Value ?? "").ToLowerInvariant();
        if (id.Length == 0) return null;
        var name = idp.FindFirst("name")?.Value ?? id;
        var tenants = idp.FindAll(settings.TenantClaim)
            .SelectMany(c => c.Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return DashboardClaims.Principal(id, name, roles.Max(), tenants);
    }

    private static Role? RoleOf(string value, OpenIdConnectSettings settings) =>
        settings.RoleMap.TryGetValue(value, out var mapped) ? mapped
        : Enum.TryParse<Role>(value, ignoreCase: true, out var role) && Enum.IsDefined(role) ? role
        : null;
}
