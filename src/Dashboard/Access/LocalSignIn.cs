using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Access;

/// <summary>The outcome of a sign-in attempt, with the message a person sees (never which part was wrong).</summary>
public sealed record SignInResult(ClaimsPrincipal? Principal, string? Problem)
{
    public bool Succeeded => Principal is not null;
}

/// <summary>Checks an email and password against the configured local accounts, with lockout.</summary>
public sealed class LocalSignIn(IOptionsMonitor<AuthOptions> options, SignInLockout lockout, ILogger<LocalSignIn> log)
{
    public const string WrongCredentials = "Email or password is not right.";
    private static readonly PasswordHasher<LocalAccount> Hasher = new();

    public SignInResult Check(string? email, string? password)
    {
        email = (email ?? "").Trim().ToLowerInvariant();
        if (email.Length == 0 || string.IsNullOrEmpty(password)) return new(null, "Enter your email and password.");
        if (lockout.IsLocked(email, out var remaining))
        {
            log.LogWarning("Sign-in refused for {Email}: locked out", email);
            return new(null, $"Too many failed attempts. Try again in {Math.Max(1, (int)Math.Ceiling(remaining.TotalMinutes))} min.");
        }

        var account = options.CurrentValue.LocalAccounts.FirstOrDefault(a => string.Equals(a.Email.Trim(), email, StringComparison.OrdinalIgnoreCase));
        var verified = account is not null
            && Hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;
        if (!verified)
        {
            var locked = lockout.Failed(email);
            log.LogWarning("Sign-in failed for {Email}{Locked}", email, locked ? "; account locked" : "");
            return new(null, locked ? "Too many failed attempts. The account is locked for a while." : WrongCredentials);
        }

        lockout.Succeeded(email);
        log.LogInformation("{Email} signed in as {Role}", email, account!.Role);
        return new(DashboardClaims.Principal(email, account.Name ?? email, account.Role, account.Tenants), null);
    }

    /// <summary>A hash for appsettings (used to make the demo accounts' entries).</summary>
    public static string Hash(string password) => Hasher.HashPassword(new LocalAccount(), password);
}
