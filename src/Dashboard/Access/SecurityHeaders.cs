using System.Security.Cryptography;

namespace Dashboard.Access;

/// <summary>
/// Headers on every response. The CSP allows what Blazor Server and MudBlazor need and no more: scripts only
/// from this site, the circuit's WebSocket to this host, inline styles (MudBlazor sets style attributes and
/// writes its theme as a style element), and images from this site, data: URLs and the configured avatar hosts
/// only (<see cref="AvatarImagePolicy"/>). The one inline script, the import map, carries a per-response nonce. No
/// framing, no plugins, forms post only here (and to the identity provider when used).
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<AuthOptions> options, AvatarImagePolicy avatars)
{
    private readonly string _formAction = "'self'" + (options.Value.UsesOpenIdConnect && Uri.TryCreate(options.Value.OpenIdConnect.Authority, UriKind.Absolute, out var idp)
        ? " " + idp.GetLeftPart(UriPartial.Authority)
        : "");

    public Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host.Value;
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[CspNonce.ItemKey] = nonce;
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy =
            "default-src 'self'; " +
            $"script-src 'self' 'nonce-{nonce}'; " +
            $"connect-src 'self' ws://{host} wss://{host}; " +
            "style-src 'self' 'unsafe-inline'; " +
            $"img-src {avatars.ImageSources}; " +
            "font-src 'self' data:; " +
            "object-src 'none'; " +
            "base-uri 'self'; " +
            $"form-action {_formAction}; " +
            "frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        return next(context);
    }
}

/// <summary>The nonce of this response's CSP, for the inline scripts the app itself writes (the import map).</summary>
public static class CspNonce
{
    public const string ItemKey = "csp-nonce";

    public static string? Of(HttpContext? context) => context?.Items[ItemKey] as string;
}
