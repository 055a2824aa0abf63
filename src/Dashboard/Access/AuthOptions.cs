using Dashboard.Core.Access;

namespace Dashboard.Access;

/// <summary><c>appsettings → Auth</c>: how people sign in, and who the local accounts are.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>"Local" (cookie sign-in against <see cref="LocalAccounts"/>) or "OpenIdConnect" (e.g. Entra ID).</summary>
    public string Mode { get; set; } = "Local";

    public bool UsesOpenIdConnect => string.Equals(Mode, "OpenIdConnect", StringComparison.OrdinalIgnoreCase);

    /// <summary>Local accounts with hashed passwords. The demo ones live only in appsettings.Development.json.</summary>
    public List<LocalAccount> LocalAccounts { get; set; } = [];

    public LockoutOptions Lockout { get; set; } = new();

    public OpenIdConnectSettings OpenIdConnect { get; set; } = new();

    public MetricsAccessOptions Metrics { get; set; } = new();

    /// <summary>How long a sign-in lasts without activity.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);
}

/// <summary>A person who signs in with email and password. <see cref="PasswordHash"/> is ASP.NET Core's PasswordHasher format.</summary>
public sealed class LocalAccount
{
    public string Email { get; set; } = "";
    public string? Name { get; set; }
    public string PasswordHash { get; set; } = "";
    public Role Role { get; set; } = Role.Viewer;

    /// <summary>Tenant ids this account may see (Ops see all, whatever this says).</summary>
    public List<string> Tenants { get; set; } = [];
}

public sealed class LockoutOptions
{
    /// <summary>Wrong passwords in a row before the account is locked.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>The identity provider, and which of its claims carry our role and tenant grants.</summary>
public sealed class OpenIdConnectSettings
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }

    /// <summary>Kept in user secrets or the environment, never in appsettings.json.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The claim holding app roles (Entra ID: "roles").</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim holding granted tenant ids, one value each (or space/comma separated).</summary>
    public string TenantClaim { get; set; } = "tenants";

    /// <summary>IdP role value → our role, e.g. "Dashboard.Ops" → Ops. Values equal to a role name map by themselves.</summary>
    public Dictionary<string, Role> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Who may read /metrics: signed-in Ops always; a scraper with <c>Authorization: Bearer &lt;ScrapeToken&gt;</c> when set.</summary>
public sealed class MetricsAccessOptions
{
    public string? ScrapeToken { get; set; }
}
