using Microsoft.AspNetCore.Identity;

namespace Dashboard.Access;

/// <summary>Fails start-up, naming the key, when the sign-in configuration cannot work or is not fit for production.</summary>
public sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    /// <summary>The demo accounts' passwords, published in the README: never accepted outside Development.</summary>
    public static readonly IReadOnlyList<string> DemoPasswords = ["ops-pass-1", "agent-pass-1", "viewer-pass-1"];

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (!options.UsesOpenIdConnect && !string.Equals(options.Mode, "Local", StringComparison.OrdinalIgnoreCase))
            failures.Add($"Auth:Mode '{options.Mode}' is not known (Local or OpenIdConnect).");
        if (options.UsesOpenIdConnect)
        {
            var oidc = options.OpenIdConnect;
            if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
                failures.Add("Auth:OpenIdConnect:Authority must be an absolute https URL (the issuer).");
            if (string.IsNullOrWhiteSpace(oidc.ClientId)) failures.Add("Auth:OpenIdConnect:ClientId is required.");
            if (string.IsNullOrWhiteSpace(oidc.ClientSecret)) failures.Add("Auth:OpenIdConnect:ClientSecret is required (user secrets or environment).");
        }
        for (var i = 0; i < options.LocalAccounts.Count; i++)
        {
            var account = options.LocalAccounts[i];
            if (string.IsNullOrWhiteSpace(account.Email)) failures.Add($"Auth:LocalAccounts:{i}:Email is required.");
            if (string.IsNullOrWhiteSpace(account.PasswordHash)) failures.Add($"Auth:LocalAccounts:{i}:PasswordHash is required (a PasswordHasher hash, never a password).");
        }
        if (!environment.IsDevelopment()) failures.AddRange(ProductionProblems(options));
        if (options.Lockout.MaxFailedAttempts < 1) failures.Add("Auth:Lockout:MaxFailedAttempts must be at least 1.");
        if (options.Lockout.MaxFailedAttemptsPerAccount < options.Lockout.MaxFailedAttempts)
            failures.Add("Auth:Lockout:MaxFailedAttemptsPerAccount must be at least Auth:Lockout:MaxFailedAttempts.");
        if (options.Lockout.LockoutDuration <= TimeSpan.Zero) failures.Add("Auth:Lockout:LockoutDuration must be positive.");
        if (options.Lockout.MaxTrackedEntries < 1000) failures.Add("Auth:Lockout:MaxTrackedEntries must be at least 1000.");
        foreach (var (key, window) in new[] { ("PerAddress", options.SignInRateLimit.PerAddress), ("PerAccount", options.SignInRateLimit.PerAccount) })
            if (window.PermitLimit < 1 || window.Window <= TimeSpan.Zero)
                failures.Add($"Auth:SignInRateLimit:{key} needs a PermitLimit of at least 1 and a positive Window.");
        var sessions = options.Sessions;
        if (sessions.AbsoluteLifetime <= TimeSpan.Zero || options.SessionIdleTimeout <= TimeSpan.Zero)
            failures.Add("Auth:Sessions:AbsoluteLifetime and Auth:SessionIdleTimeout must be positive.");
        if (sessions.CacheDuration < TimeSpan.Zero || sessions.CacheDuration > TimeSpan.FromMinutes(5))
            failures.Add("Auth:Sessions:CacheDuration must be between 0 and 5 minutes (revocation reaches other instances within it).");
        if (sessions.CircuitRevalidationInterval <= TimeSpan.Zero) failures.Add("Auth:Sessions:CircuitRevalidationInterval must be positive.");
        if (sessions.ActivityWriteInterval < TimeSpan.Zero || sessions.HousekeepingInterval <= TimeSpan.Zero)
            failures.Add("Auth:Sessions:ActivityWriteInterval must not be negative and Auth:Sessions:HousekeepingInterval must be positive.");
        if (options.Metrics.ScrapeToken is { Length: > 0 and < 24 })
            failures.Add("Auth:Metrics:ScrapeToken must be at least 24 characters.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> ProductionProblems(AuthOptions options)
    {
        if (!options.UsesOpenIdConnect && options.LocalAccounts.Count == 0)
            yield return "Auth:Mode is Local but Auth:LocalAccounts is empty, so nobody could sign in. Outside Development use " +
                         "Auth:Mode=OpenIdConnect, or configure local accounts with password hashes.";
        var hasher = new PasswordHasher<LocalAccount>();
        for (var i = 0; i < options.LocalAccounts.Count; i++)
        {
            var account = options.LocalAccounts[i];
            if (string.IsNullOrWhiteSpace(account.PasswordHash)) continue;
            if (DemoPasswords.Any(p => Verifies(hasher, account, p)))
                yield return $"Auth:LocalAccounts:{i} ({account.Email}) has a demo password, which is published; set a new password hash outside Development.";
        }
    }

    private static bool Verifies(PasswordHasher<LocalAccount> hasher, LocalAccount account, string password)
    {
        try { return hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed; }
        catch (FormatException) { return false; }
    }
}
