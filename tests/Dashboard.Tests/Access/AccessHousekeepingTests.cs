using Dashboard.Access;
using Dashboard.Core.Access;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Access;

/// <summary>The background clean-up deletes what is over and trims the lockout counters, so neither table grows without bound.</summary>
public sealed class AccessHousekeepingTests : IAsyncLifetime
{
    private AccessParts _parts = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _parts = await AccessParts.StartAsync(new AuthOptions
    {
        LocalAccounts = [new LocalAccount { Email = "agent@example.com", PasswordHash = LocalSignIn.Hash("agent-pass-1"), Role = Role.Support }],
        Lockout = new LockoutOptions { MaxFailedAttempts = 5, MaxFailedAttemptsPerAccount = 20, LockoutDuration = TimeSpan.FromMinutes(15), MaxTrackedEntries = 1000 },
    }, Ct);

    public ValueTask DisposeAsync() => _parts.DisposeAsync();

    [Fact]
    public async Task One_round_deletes_ended_sessions_and_spent_lockout_counters()
    {
        var housekeeping = new AccessHousekeeping(_parts.Sessions, _parts.Lockouts, _parts.Options, _parts.Clock, NullLogger<AccessHousekeeping>.Instance);
        var revoked = await _parts.SignedInAsync("agent@example.com", "agent-pass-1", Ct);
        await _parts.PersonSessions.EndAsync(revoked, Ct);
        for (var i = 0; i < 10; i++) await _parts.SignIn.CheckAsync($"made-up-{i}@example.com", "guess", "v4:192.0.2.7", Ct);
        Assert.Equal(20, await _parts.Lockouts.CountAsync(Ct)); // per made-up email: its account counter and its address counter

        Assert.Equal((0, 0), await housekeeping.RunOnceAsync(Ct)); // nothing is over yet
        _parts.Clock.Advance(AccessHousekeeping.RevokedKeptFor + TimeSpan.FromMinutes(1));
        var live = await _parts.SignedInAsync("agent@example.com", "agent-pass-1", Ct);

        Assert.Equal((1, 20), await housekeeping.RunOnceAsync(Ct));
        Assert.Equal(0, await _parts.Lockouts.CountAsync(Ct));
        Assert.Equal([PersonSessions.IdOf(live)], (await _parts.PersonSessions.ListActiveAsync(null, Ct)).Select(s => s.Id));
        Assert.NotNull(await _parts.Validator.ValidateAsync(live, fresh: true, Ct));
    }
}
