using System.Security.Cryptography;
using System.Text;
using Dashboard.AppStore.Lockout;

namespace Dashboard.Access;

/// <summary>
/// Locks sign-in after too many wrong passwords, whether or not the account exists (so a lock reveals nothing):
/// for an account from one client address after <see cref="LockoutOptions.MaxFailedAttempts"/>, for the account
/// from everywhere after <see cref="LockoutOptions.MaxFailedAttemptsPerAccount"/>. Counters live in the app
/// store, keyed by hashes, so every instance shares them and made-up emails are never stored.
/// </summary>
public sealed class SignInLockout(SignInLockoutStore store, IOptionsMonitor<AuthOptions> options, TimeProvider clock)
{
    /// <returns>How long the attempt is still locked out, or null.</returns>
    public async Task<TimeSpan?> LockedForAsync(string email, string addressKey, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = await store.LockedUntilAsync([AccountKey(email), PairKey(email, addressKey)], now, ct);
        return until is { } u ? u - now : null;
    }

    /// <returns>True when this failure locked the account (for this address or everywhere).</returns>
    public async Task<bool> FailedAsync(string email, string addressKey, CancellationToken ct)
    {
        var lockout = options.CurrentValue.Lockout;
        var now = clock.GetUtcNow();
        var locked = false;
        foreach (var (key, max) in new[] { (PairKey(email, addressKey), lockout.MaxFailedAttempts), (AccountKey(email), lockout.MaxFailedAttemptsPerAccount) })
        {
            if (await store.RecordFailureAsync(key, now, lockout.LockoutDuration, ct) < max) continue;
            await store.LockAsync(key, now, now + lockout.LockoutDuration, ct);
            locked = true;
        }
        return locked;
    }

    /// <summary>A right password from this address clears this address's count (not the account-wide one, which a spread-out guesser feeds).</summary>
    public Task SucceededAsync(string email, string addressKey, CancellationToken ct) => store.ClearAsync(PairKey(email, addressKey), ct);

    private static string AccountKey(string email) => Hash("account\n" + AccountStamp.Normalize(email));

    private static string PairKey(string email, string addressKey) => Hash("pair\n" + AccountStamp.Normalize(email) + "\n" + addressKey);

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
