using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Access;

/// <summary>The sessions page's service: Ops see and revoke anyone's sessions. Checked here, whatever page asks.</summary>
public sealed class SessionsAdmin(PersonSessions sessions, ICurrentPerson current, AuthenticationStateProvider authState)
{
    public Task<IReadOnlyList<SessionRecord>> ListAsync(string? personId, CancellationToken ct = default)
    {
        RequireOps();
        return sessions.ListActiveAsync(personId, ct);
    }

    public Task<bool> RevokeAsync(string sessionId, CancellationToken ct = default) =>
        sessions.RevokeAsync(sessionId, RequireOps().Id, ct);

    public Task<int> RevokePersonAsync(string personId, CancellationToken ct = default) =>
        sessions.RevokeAllAsync(personId, RequireOps().Id, ct);

    /// <summary>The id of the session this page runs in, to mark it in the list.</summary>
    public async Task<string?> CurrentSessionIdAsync() => PersonSessions.IdOf((await authState.GetAuthenticationStateAsync()).User);

    private Person RequireOps()
    {
        var person = current.Person;
        if (!person.IsOps) throw new ForbiddenException("Only Ops may see and revoke sessions.");
        return person;
    }
}
