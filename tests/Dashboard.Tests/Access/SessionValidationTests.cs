using System.Security.Claims;
using Dashboard.Access;
using Dashboard.Core.Access;

namespace Dashboard.Tests.Access;

/// <summary>
/// What keeps a session valid, checked against a real app store: the session must exist, be neither revoked nor
/// past its lifetime nor idle, match the cookie's person, and its account must still exist, be enabled and carry
/// the same stamp. The principal is rebuilt from the account, never from the cookie.
/// </summary>
public sealed class SessionValidationTests : IAsyncLifetime
{
    private AccessParts _parts = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _parts = await AccessParts.StartAsync(new AuthOptions
    {
        LocalAccounts = [Agent()],
        SessionIdleTimeout = TimeSpan.FromHours(8),
        Sessions = new SessionOptions { AbsoluteLifetime = TimeSpan.FromHours(24), CacheDuration = TimeSpan.FromSeconds(15) },
    }, Ct);

    public ValueTask DisposeAsync() => _parts.DisposeAsync();

    private static readonly string AgentHash = LocalSignIn.Hash("agent-pass-1");

    /// <summary>The agent's account as configured; each call a fresh copy with the same values (same hash, so the same stamp).</summary>
    private static LocalAccount Agent() =>
        new() { Email = "agent@example.com", Name = "Sam", PasswordHash = AgentHash, Role = Role.Support, Tenants = ["acme", "sandbox"] };

    private Task<ClaimsPrincipal?> Validate(ClaimsPrincipal user, bool fresh = false, AccessParts? on = null) =>
        (on ?? _parts).Validator.ValidateAsync(user, fresh, Ct);

    private void ChangeAccount(Action<LocalAccount> change)
    {
        var account = Agent();
        change(account);
        _parts.Options.Value = new AuthOptions { LocalAccounts = [account], Sessions = _parts.Options.Value.Sessions };
    }

    [Fact]
    public async Task The_same_account_configured_again_keeps_its_sessions()
    {
        var user = await _parts.SignedInAsync("agent@example.com", "agent-pass-1", Ct);
        ChangeAccount(_ => { });
        Assert.NotNull(await Validate(user, fresh: true));
    }

    [Fact]
    public async Task A_live_session_is_accepted_and_its_principal_comes_from_the_account()
    {
        var user = await _parts.SignedInAsync("agent@example.com", "agent-pass-1", Ct);
        var person = DashboardClaims.PersonOf(await Validate(user));
        Assert.Equal(("agent@example.com", "Sam", Role.Support), (person.Id, person.Name, person.Role));
        Assert.Equal(["acme", "sandbox"], person.Tenants.Order());
    }

    public static TheoryData<string> AccountChanges() => ["password", "role", "grants", "security stamp", "disabled", "removed"];

    [Theory]
    [MemberData(nameof(AccountChanges))]
    public async Task A_change_to_the_account_ends_its_sessions(string change)
    {
        var user = await _parts.SignedInAsync("agent@example.com", "agent-pass-1", Ct);
        Assert.NotNull(await Validate(user));
        switch (change)
        {
            case "password": ChangeAccount(a => a.PasswordHash = LocalSignIn.Hash("new-pass-2")); break;
            case "role": ChangeAccount(a => a.Role = Role.Viewer); break;
            case "grants": ChangeAccount(a => a.Tenants = ["acme"]); break;
            case "security stamp": ChangeAccount(a => a.SecurityStamp = "rotated-2026-01"); break;
            case "disabled": ChangeAccount(a => a.Enabled = false); break;
            default: _parts.Options.Value = new AuthOptions(); break;
        }
        Assert.Null(await Validate(user));
    }

    [Fact]
    public async Task A_name_change_keeps_the_session_and_shows_the_new_name()
    {
        var user = await _parts.SignedInAsync("agent@example.com", "agent-pass-1", Ct);
        ChangeAccount(a => a.Name = "Samantha");
        Assert.Equal("Samantha", DashboardClaims.PersonOf(await Validate(user)).Name);
    }

    [Fact]
    public async Task A_session_ends_after_its_lifetime_and_when_idle()
    {
        var busy = await _parts.SignedInAsync("agent@example.com", "agent-pass-1", Ct);
        var idle = await _parts.SignedInAsync("agent@example.com", "agent-pass-1", Ct);
        for (var hour = 0; hour < 23; hour++)
        {
            _parts.Clock.Advance(TimeSpan.FromHours(1));
            Assert.NotNull(await Validate(busy, fresh: true));
        }
        Assert.Null(await Validate(idle, fresh: true)); // 23 h without a request
        _parts.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(await Validate(busy, fresh: true)); // 24 h after sign-in, however busy
    }

    [Fact]
    public async Task A_cookie_naming_another_person_than_its_session_is_refused()
    {
        var user = await _parts.SignedInAsync("agent@example.com", "agent-pass-1", Ct);
        var swapped = DashboardClaims.Principal("ops@example.com", "Ops", Role.Ops, [], DashboardClaims.SessionTokenOf(user));
        Assert.Null(await Validate(swapped));
        Assert.Null(await Validate(DashboardClaims.Principal("agent@example.com", "Sam", Role.Support, ["acme"])));
    }

    [Fact]
    public async Task A_local_session_is_not_accepted_once_the_app_signs_in_through_OpenID_Connect()
    {
        var user = await _parts.SignedInAsync("agent@example.com", "agent-pass-1", Ct);
        _parts.Options.Value = new AuthOptions { Mode = "OpenIdConnect", LocalAccounts = [Agent()] };
        Assert.Null(await Validate(user));
    }

    [Fact]
    public async Task Revoking_takes_effect_at_once_here_and_within_the_cache_window_on_another_instance()
    {
        var other = _parts.OtherInstance();
        var user = await _parts.SignedInAsync("agent@example.com", "agent-pass-1", Ct);
        Assert.NotNull(await Validate(user, on: other)); // the other instance has looked and caches what it saw

        await _parts.PersonSessions.EndAsync(user, Ct);

        Assert.Null(await Validate(user));
        Assert.NotNull(await Validate(user, on: other)); // still within its cache window (15 s)
        Assert.Null(await Validate(user, fresh: true, on: other)); // an open circuit's check reads the store
    }

    [Fact]
    public async Task Revoking_all_of_a_persons_sessions_ends_every_one()
    {
        var first = await _parts.SignedInAsync("agent@example.com", "agent-pass-1", Ct);
        var second = await _parts.SignedInAsync("agent@example.com", "agent-pass-1", Ct);
        Assert.Equal(2, await _parts.PersonSessions.RevokeAllAsync("Agent@Example.com", "ops@example.com", Ct));
        Assert.Null(await Validate(first));
        Assert.Null(await Validate(second));
        Assert.Empty(await _parts.PersonSessions.ListActiveAsync("agent@example.com", Ct));
    }

    [Fact]
    public async Task The_stored_session_is_keyed_by_a_hash_so_the_store_does_not_hold_the_token()
    {
        var user = await _parts.SignedInAsync("agent@example.com", "agent-pass-1", Ct);
        var token = DashboardClaims.SessionTokenOf(user)!;
        var stored = Assert.Single(await _parts.PersonSessions.ListActiveAsync(null, Ct));
        Assert.Equal(SessionTokens.IdOf(token), stored.Id);
        Assert.NotEqual(token, stored.Id);
        Assert.Equal(64, stored.Id.Length);
    }
}
