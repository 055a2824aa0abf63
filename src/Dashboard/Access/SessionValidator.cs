using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;

namespace Dashboard.Access;

/// <summary>
/// Decides, on every request and for every open circuit, whether a signed-in principal still stands: its session
/// must exist, be neither revoked nor expired nor idle, belong to the person in the cookie, and its account must
/// still exist, be enabled and carry the stamp the session was made with (local accounts) or still map to a
/// dashboard role (OpenID Connect). The principal used is rebuilt from the session and the account, never taken
/// from the cookie. Lookups are cached per instance for <see cref="SessionOptions.CacheDuration"/>.
/// </summary>
public sealed class SessionValidator(SessionStore store, IOptionsMonitor<AuthOptions> options, TimeProvider clock, ILogger<SessionValidator> log) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <param name="fresh">Read the store even if this instance looked recently (circuits, every minute or so).</param>
    /// <returns>The principal to use for this request, or null when the session is over.</returns>
    public async Task<ClaimsPrincipal?> ValidateAsync(ClaimsPrincipal? user, bool fresh, CancellationToken ct)
    {
        var token = DashboardClaims.SessionTokenOf(user);
        if (token is null) return null;
        var id = SessionTokens.IdOf(token);
        var session = await LookUpAsync(id, fresh, ct);
        var now = clock.GetUtcNow();
        var auth = options.CurrentValue;
        var (principal, refusal) = Check(session, user!, token, now, auth);
        if (principal is null)
        {
            log.LogInformation("Session {Session} refused: {Reason}", id[..8], refusal);
            return null;
        }
        if (now - session!.LastSeenAt >= auth.Sessions.ActivityWriteInterval)
        {
            await store.TouchAsync(id, now, ct);
            Remember(id, session with { LastSeenAt = now }, auth);
        }
        return principal;
    }

    /// <summary>Drops this instance's cached look at a session (it was just revoked here).</summary>
    public void Forget(string id) => _cache.Remove(id);

    private static (ClaimsPrincipal?, string?) Check(SessionRecord? session, ClaimsPrincipal user, string token, DateTimeOffset now, AuthOptions auth)
    {
        if (session is null) return (null, "no such session");
        if (session.IsRevoked) return (null, $"revoked by {session.RevokedBy}");
        if (now >= session.ExpiresAt) return (null, "past its lifetime");
        if (now - session.LastSeenAt > auth.SessionIdleTimeout) return (null, "idle too long");
        if (!string.Equals(user.FindFirstValue(ClaimTypes.NameIdentifier), session.PersonId, StringComparison.Ordinal))
            return (null, "the cookie names another person than its session");
        return session.Source switch
        {
            SessionSources.Local when !auth.UsesOpenIdConnect => FromLocalAccount(session, token, auth),
            SessionSources.OpenIdConnect when auth.UsesOpenIdConnect => FromIdentityProvider(session, token, auth),
            _ => (null, $"{session.Source} sessions are not accepted in {auth.Mode} mode"),
        };
    }

    private static (ClaimsPrincipal?, string?) FromLocalAccount(SessionRecord session, string token, AuthOptions auth)
    {
        var account = auth.LocalAccounts.FirstOrDefault(a => AccountStamp.Normalize(a.Email) == session.PersonId);
        if (account is null) return (null, "the account no longer exists");
        if (!account.Enabled) return (null, "the account is disabled");
        if (AccountStamp.Of(account) != session.Stamp) return (null, "the account changed since sign-in (password, role, grants or security stamp)");
        return (DashboardClaims.Principal(session.PersonId, account.Name ?? session.PersonId, account.Role, account.Tenants, token), null);
    }

    private static (ClaimsPrincipal?, string?) FromIdentityProvider(SessionRecord session, string token, AuthOptions auth)
    {
        var role = OpenIdConnectMapping.RoleOf(session.SourceRoles, auth.OpenIdConnect);
        if (role is null) return (null, "the identity provider's roles no longer map to a dashboard role");
        return (DashboardClaims.Principal(session.PersonId, session.PersonName, role.Value, session.Tenants, token), null);
    }

    private async Task<SessionRecord?> LookUpAsync(string id, bool fresh, CancellationToken ct)
    {
        if (!fresh && _cache.TryGetValue(id, out Cached? cached)) return cached!.Session;
        var session = await store.FindAsync(id, ct);
        Remember(id, session, options.CurrentValue);
        return session;
    }

    private void Remember(string id, SessionRecord? session, AuthOptions auth)
    {
        var duration = auth.Sessions.CacheDuration;
        if (duration <= TimeSpan.Zero) return;
        _cache.Set(id, new Cached(session), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = duration });
    }

    private sealed record Cached(SessionRecord? Session);

    public void Dispose() => _cache.Dispose();
}

public static class SessionSources
{
    public const string Local = "Local";
    public const string OpenIdConnect = "OpenIdConnect";
}
