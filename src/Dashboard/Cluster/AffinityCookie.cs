using System.Security.Cryptography;

namespace Dashboard.Cluster;

/// <summary>
/// Gives every browser a random affinity token on its first response. The load balancer hashes it to pick an
/// instance (nginx: <c>hash $cookie_dashboard_affinity consistent</c>), so all of a browser's requests — the page,
/// its scripts, and the Blazor circuit's negotiation and WebSocket — reach the instance that holds its circuit.
/// The token says nothing about the person and is not a session: signing in is valid on every instance.
/// </summary>
public sealed class AffinityCookie(RequestDelegate next)
{
    /// <summary>No dot: nginx names cookie variables <c>$cookie_NAME</c>, and a dot would end the name.</summary>
    public const string Name = "dashboard_affinity";

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Cookies.ContainsKey(Name) && WantsCookie(context.Request))
        {
            context.Response.Cookies.Append(Name, NewToken(), new CookieOptions
            {
                Path = "/",
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                // Behind the TLS-terminating proxy the forwarded scheme makes this https.
                Secure = context.Request.IsHttps,
                IsEssential = true,
            });
        }
        return next(context);
    }

    /// <summary>Browsers only: scrapers and health checks neither keep cookies nor need an instance of their own.</summary>
    private static bool WantsCookie(HttpRequest request) =>
        !request.Path.StartsWithSegments("/metrics") && !request.Path.StartsWithSegments("/healthz");

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
