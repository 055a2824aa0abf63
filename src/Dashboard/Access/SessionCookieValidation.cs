using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Dashboard.Access;

/// <summary>
/// The cookie handler's OnValidatePrincipal: every request's cookie is checked against its server-side session
/// and account. A forged, stale or revoked one is rejected and deleted; a good one is replaced by the principal
/// rebuilt from the session and account.
/// </summary>
public static class SessionCookieValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var validator = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
        var principal = await validator.ValidateAsync(context.Principal, fresh: false, context.HttpContext.RequestAborted);
        if (principal is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        context.ReplacePrincipal(principal);
    }
}
