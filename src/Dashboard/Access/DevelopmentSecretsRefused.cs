using System.Data.Common;

namespace Dashboard.Access;

/// <summary>
/// Outside Development, start-up is refused while a tenant or the app store still uses the local stack's
/// credentials (appsettings.Development.json, scripts/stack.d): they are public in this repository.
/// </summary>
public sealed class DevelopmentSecretsRefused(IHostEnvironment environment) : IValidateOptions<TenantsOptions>, IValidateOptions<AppStoreOptions>
{
    /// <summary>The MariaDB password and the FaunaLocal secret of the local stack.</summary>
    public static readonly IReadOnlySet<string> KnownDevelopmentValues = new HashSet<string>(StringComparer.Ordinal) { "app-pass", "secret" };

    public ValidateOptionsResult Validate(string? name, TenantsOptions options)
    {
        if (environment.IsDevelopment()) return ValidateOptionsResult.Success;
        var failures = new List<string>();
        foreach (var (id, tenant) in options.Tenants)
            foreach (var (key, value) in tenant.Settings)
                if (IsDevelopmentSecret(key, value))
                    failures.Add($"Tenants:{id}:Settings:{key} still holds the local development {What(key)}, which is public. " +
                                 $"Outside Development set the real one in the environment (Tenants__{id}__Settings__{key}) or a secret store.");
        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, AppStoreOptions options)
    {
        if (environment.IsDevelopment() || !IsDevelopmentSecret("ConnectionString", options.ConnectionString)) return ValidateOptionsResult.Success;
        return ValidateOptionsResult.Fail("AppStore:ConnectionString still holds the local development password, which is public. " +
                                          "Outside Development set the real one in the environment (AppStore__ConnectionString) or a secret store.");
    }

    private static bool IsDevelopmentSecret(string key, string? value)
    {
        if (string.IsNullOrEmpty(value)) return false;
        if (key.Equals("Secret", StringComparison.OrdinalIgnoreCase)) return KnownDevelopmentValues.Contains(value);
        if (!key.Equals("ConnectionString", StringComparison.OrdinalIgnoreCase)) return false;
        var builder = new DbConnectionStringBuilder();
        try { builder.ConnectionString = value; }
        catch (ArgumentException) { return false; } // not a key=value string; its provider's validation speaks for it
        return new[] { "password", "pwd" }.Any(k => builder.TryGetValue(k, out var password) && password is string p && KnownDevelopmentValues.Contains(p));
    }

    private static string What(string key) => key.Equals("Secret", StringComparison.OrdinalIgnoreCase) ? "secret" : "password";

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
