using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Dashboard.Access;

/// <summary>
/// Counts wrong passwords per account (whether or not the account exists, so locking does not reveal which
/// emails are accounts) and locks after <see cref="LockoutOptions.MaxFailedAttempts"/> in a row. In memory:
/// each instance counts its own attempts.
/// </summary>
public sealed class SignInLockout(IOptionsMonitor<AuthOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset? LockedUntil)> _state = new(StringComparer.OrdinalIgnoreCase);

    public bool IsLocked(string email, out TimeSpan remaining)
    {
        remaining = TimeSpan.Zero;
        if (!_state.TryGetValue(Key(email), out var s) || s.LockedUntil is not { } until) return false;
        remaining = until - clock.GetUtcNow();
        if (remaining > TimeSpan.Zero) return true;
        _state.TryRemove(Key(email), out _);
        return false;
    }

    /// <returns>True when this failure locked the account.</returns>
    public bool Failed(string email)
    {
        var lockout = options.CurrentValue.Lockout;
        var now = clock.GetUtcNow();
        var updated = _state.AddOrUpdate(Key(email),
            _ => (1, null),
            (_, s) => (s.Failures + 1, s.LockedUntil));
        if (updated.Failures < lockout.MaxFailedAttempts) return false;
        _state[Key(email)] = (0, now + lockout.LockoutDuration);
        return true;
    }

    public void Succeeded(string email) => _state.TryRemove(Key(email), out _);

    private static string Key(string email) => email.Trim().ToLowerInvariant();
}
