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

    public SignInRateLimitOptions SignInRateLimit { get; set; } = new();

    public SessionOptions Sessions { get; set; } = new();

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

    /// <summary>False refuses sign-in and ends the account's sessions on their next request.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Any value; changing it ends every session of the account (as does a new password, role or grant).</summary>
    public string? SecurityStamp { get; set; }
}

/// <summary>
/// Wrong passwords are counted per account from one client address and per account from anywhere, within
/// <see cref="LockoutDuration"/>. The first lock keeps a guesser out without letting one stranger lock a person
/// out everywhere; the second caps guesses spread over many addresses. Kept in the app store (every instance).
/// </summary>
public sealed class LockoutOptions
{
    /// <summary>Wrong passwords for an account from one client address before that address is locked out of it.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>Wrong passwords for an account from all addresses together before the account is locked everywhere.</summary>
    public int MaxFailedAttemptsPerAccount { get; set; } = 20;

    /// <summary>How long a lock lasts, and the window failures are counted in.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Upper bound on stored counters; beyond it the least recently touched unlocked ones are dropped.</summary>
    public int MaxTrackedEntries { get; set; } = 100_000;
}

/// <summary>ASP.NET Core rate limits on sign-in attempts (POST /login), per client address and per account, per instance.</summary>
public sealed class SignInRateLimitOptions
{
    public RateLimitWindow PerAddress { get; set; } = new() { PermitLimit = 20 };

    public RateLimitWindow PerAccount { get; set; } = new() { PermitLimit = 10 };
}

public sealed class RateLimitWindow
{
    public int PermitLimit { get; set; } = 10;

    /// <summary>A sliding window of this length (six segments).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Server-side sessions: the cookie carries only a session id; the session lives in the app store.</summary>
public sealed class SessionOptions
{
    /// <summary>A session ends this long after sign-in, active or not.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long an instance trusts its last look at a session before reading the store again. Revocation is
    /// immediate on the instance that revoked, and reaches the others within this time.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often an open circuit (a browser tab) checks that its session still holds.</summary>
    public TimeSpan CircuitRevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Activity is written to the store at most this often per session (the idle timeout's precision).</summary>
    public TimeSpan ActivityWriteInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often ended sessions and stale lockout counters are deleted.</summary>
    public TimeSpan HousekeepingInterval { get; set; } = TimeSpan.FromMinutes(5);
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
