using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Access;

/// <summary>The authorization policies pages name. The service layer enforces the same rules again on every call.</summary>
public static class AccessPolicies
{
    /// <summary>Ops pages and the audit log.</summary>
    public const string Ops = "Ops";

    /// <summary>Pages under /t/{tenant}/: the person needs a grant for the tenant in the route.</summary>
    public const string Tenant = "Tenant";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Ops, p => p.AddRequirements(new OpsRequirement()));
        options.AddPolicy(Tenant, p => p.AddRequirements(new TenantGrantRequirement()));
        // Every endpoint without its own policy (pages, the Blazor hub, /metrics...) needs a signed-in person.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().AddRequirements(new SignedInRequirement()).Build();
    }
}

public sealed class OpsRequirement : IAuthorizationRequirement;

public sealed class TenantGrantRequirement : IAuthorizationRequirement;

/// <summary>Signed in with a known role; for /metrics, Ops or the scrape token.</summary>
public sealed class SignedInRequirement : IAuthorizationRequirement;

public sealed class AccessHandler(IOptionsMonitor<AuthOptions> options) : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        var person = DashboardClaims.PersonOf(context.User);
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            var met = requirement switch
            {
                OpsRequirement => person.IsOps,
                TenantGrantRequirement => TenantOf(context.Resource) is { } tenant && person.CanRead(tenant),
                SignedInRequirement when context.Resource is HttpContext http && http.Request.Path.StartsWithSegments("/metrics") =>
                    person.IsOps || HasScrapeToken(http),
                SignedInRequirement => person.IsSignedIn,
                _ => (bool?)null,
            };
            if (met == true) context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    /// <summary>The tenant in the route: from the endpoint's route values (HTTP) or the router's (in a circuit).</summary>
    private static string? TenantOf(object? resource) => resource switch
    {
        HttpContext http => http.GetRouteValue("tenant") as string,
        Microsoft.AspNetCore.Components.RouteData route => route.RouteValues.FirstOrDefault(v => string.Equals(v.Key, "tenant", StringComparison.OrdinalIgnoreCase)).Value as string,
        _ => null,
    };

    private bool HasScrapeToken(HttpContext http)
    {
        var token = options.CurrentValue.Metrics.ScrapeToken;
        if (string.IsNullOrEmpty(token)) return false;
        var header = http.Request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[bearer.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }
}
