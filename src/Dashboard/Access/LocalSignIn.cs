using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Access;

/// <summary>The outcome of a sign-in attempt, with the message a person sees (never which part was wrong).</summary>
public sealed record SignInResult(LocalAccount? Account, string? Problem)
{
    public bool Succeeded => Account is not null;
}

/// <summary>
/// Checks an email and password against the configured local accounts, with lockout, and starts a session.
/// Every attempt that reaches the password check verifies exactly one hash, a dummy one for unknown emails.
/// </summary>
public sealed class LocalSignIn(
    IOptionsMonitor<AuthOptions> options,
    SignInLockout lockout,
    IPasswordHasher<LocalAccount> hasher,
    UnknownAccountHash unknownAccountHash,
    PersonSessions sessions,
    ILogger<LocalSignIn> log)
{
    public const string WrongCredentials = "Email or password is not right.";

    public async Task<SignInResult> CheckAsync(string? email, string? password, string addressKey, CancellationToken ct)
    {
        email = AccountStamp.Normalize(email);
        if (email.Length == 0 || string.IsNullOrEmpty(password)) return new(null, "Enter your email and password.");
        if (await lockout.LockedForAsync(email, addressKey, ct) is { } remaining)
        {
            log.LogWarning("Sign-in refused for {Email} from {Address}: locked out", email, addressKey);
            return new(null, $"Too many failed attempts. Try again in {Math.Max(1, (int)Math.Ceiling(remaining.TotalMinutes))} min.");
        }

        var account = options.CurrentValue.LocalAccounts.FirstOrDefault(a => AccountStamp.Normalize(a.Email) == email);
        var matches = hasher.VerifyHashedPassword(account ?? new LocalAccount(), account?.PasswordHash ?? unknownAccountHash.Hash, password)
            != PasswordVerificationResult.Failed;
        if (account is null || !account.Enabled || !matches)
        {
            var locked = await lockout.FailedAsync(email, addressKey, ct);
            log.LogWarning("Sign-in failed for {Email} from {Address}{Locked}", email, addressKey, locked ? "; locked" : "");
            return new(null, locked ? "Too many failed attempts. The account is locked for a while." : WrongCredentials);
        }

        await lockout.SucceededAsync(email, addressKey, ct);
        return new(account, null);
    }

    /// <summary>Checks the credentials and, when right, starts a session and sets the sign-in cookie on the response.</summary>
    public async Task<SignInResult> SignInAsync(HttpContext http, string? email, string? password)
    {
        var result = await CheckAsync(email, password, ClientAddress.KeyOf(http), http.RequestAborted);
        if (result.Account is not { } account) return result;
        var id = AccountStamp.Normalize(account.Email);
        var principal = await sessions.StartAsync(
            new SessionSubject(id, account.Name ?? id, account.Role, account.Tenants, SessionSources.Local, [], AccountStamp.Of(account)),
            http, http.RequestAborted);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return result;
    }

    /// <summary>A hash for appsettings (used to make the demo accounts' entries).</summary>
    public static string Hash(string password) => new PasswordHasher<LocalAccount>().HashPassword(new LocalAccount(), password);
}
