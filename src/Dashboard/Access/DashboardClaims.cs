using System.Security.Claims;

namespace Dashboard.Access;

/// <summary>How a person is carried in the sign-in cookie, and read back into a <see cref="Person"/>.</summary>
public static class DashboardClaims
{
    public const string TenantClaim = "dashboard:tenant";

    /// <summary>The secret token naming the person's server-side session (see <see cref="SessionTokens"/>).</summary>
    public const string SessionClaim = "dashboard:session";

    public const string AuthenticationType = "dashboard";

    public static ClaimsPrincipal Principal(string id, string name, Role role, IEnumerable<string> tenants, string? sessionToken = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, id),
            new(ClaimTypes.Name, name),
            new(ClaimTypes.Role, role.ToString()),
        };
        claims.AddRange(tenants.Distinct(StringComparer.Ordinal).Select(t => new Claim(TenantClaim, t)));
        if (sessionToken is not null) claims.Add(new Claim(SessionClaim, sessionToken));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The person a principal stands for; anyone without a known role is treated as not signed in.</summary>
    public static Person PersonOf(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return Person.Anonymous;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var role = Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), ignoreCase: false, out var r) && Enum.IsDefined(r) ? r : (Role?)null;
        if (string.IsNullOrEmpty(id) || role is null) return Person.Anonymous;
        var tenants = user.FindAll(TenantClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Person(id, user.Identity.Name ?? id, role, tenants);
    }

    public static string? SessionTokenOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? user.FindFirstValue(SessionClaim) : null;
}
