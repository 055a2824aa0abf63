using Microsoft.Extensions.Options;

namespace Dashboard.Access;

/// <summary>Fails start-up, naming the key, when the sign-in configuration cannot work.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
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
        if (options.Lockout.MaxFailedAttempts < 1) failures.Add("Auth:Lockout:MaxFailedAttempts must be at least 1.");
        if (options.Metrics.ScrapeToken is { Length: > 0 and < 24 })
            failures.Add("Auth:Metrics:ScrapeToken must be at least 24 characters.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
