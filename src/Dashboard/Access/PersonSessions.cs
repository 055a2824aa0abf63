using System.Security.Claims;

namespace Dashboard.Access;

/// <summary>Who a new session is for, as the sign-in (local or OpenID Connect) established it.</summary>
public sealed record SessionSubject(
    string PersonId, string Name, Role Role, IReadOnlyList<string> Tenants, string Source, IReadOnlyList<string> SourceRoles, string Stamp);

/// <summary>Starting, ending and revoking server-side sessions. Revoking here takes effect on this instance's next request.</summary>
public sealed class PersonSessions(SessionStore store, SessionValidator validator, IOptionsMonitor<AuthOptions> options, TimeProvider clock, ILogger<PersonSessions> log)
{
    /// <summary>Stores a new session and returns the principal to put in the cookie (it carries the session token).</summary>
    public async Task<ClaimsPrincipal> StartAsync(SessionSubject subject, HttpContext http, CancellationToken ct)
    {
        var token = SessionTokens.New();
        var id = SessionTokens.IdOf(token);
        var now = clock.GetUtcNow();
        await store.CreateAsync(new SessionRecord(
            id, subject.PersonId, subject.Name, subject.Role.ToString(), subject.Tenants, subject.Source, subject.SourceRoles, subject.Stamp,
            CreatedAt: now, LastSeenAt: now, ExpiresAt: now + options.CurrentValue.Sessions.AbsoluteLifetime,
            ClientAddress: ClientAddress.Of(http)?.ToString(), UserAgent: http.Request.Headers.UserAgent.ToString()), ct);
        log.LogInformation("{Person} signed in as {Role} ({Source}), session {Session}", subject.PersonId, subject.Role, subject.Source, id[..8]);
        return DashboardClaims.Principal(subject.PersonId, subject.Name, subject.Role, subject.Tenants, token);
    }

    /// <summary>Sign-out: revokes the session the principal carries.</summary>
    public async Task EndAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (IdOf(user) is not { } id) return;
        await RevokeAsync(id, user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", ct);
    }

    public async Task<bool> RevokeAsync(string id, string by, CancellationToken ct)
    {
        var person = await store.RevokeAsync(id, by, clock.GetUtcNow(), ct);
        validator.Forget(id);
        if (person is not null) log.LogInformation("Session {Session} of {Person} revoked by {By}", id[..Math.Min(8, id.Length)], person, by);
        return person is not null;
    }

    public async Task<int> RevokeAllAsync(string personId, string by, CancellationToken ct)
    {
        var ids = await store.RevokeAllAsync(AccountStamp.Normalize(personId), by, clock.GetUtcNow(), ct);
        foreach (var id in ids) validator.Forget(id);
        log.LogInformation("{Count} sessions of {Person} revoked by {By}", ids.Count, personId, by);
        return ids.Count;
    }

    public Task<IReadOnlyList<SessionRecord>> ListActiveAsync(string? personId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return store.ListActiveAsync(now, now - options.CurrentValue.SessionIdleTimeout, personId, max: 500, ct);
    }

    /// <summary>The stored id of the session a principal carries.</summary>
    public static string? IdOf(ClaimsPrincipal? user) => DashboardClaims.SessionTokenOf(user) is { } token ? SessionTokens.IdOf(token) : null;
}
