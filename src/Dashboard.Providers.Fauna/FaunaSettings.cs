namespace Dashboard.Providers.Fauna;

/// <summary>
/// A Fauna tenant's settings: <c>Endpoint</c> (FaunaLocal or Fauna's URL), <c>Secret</c> (a key's secret,
/// from user-secrets or the environment in real deployments, never logged or shown), optional
/// <c>QueryTimeoutMs</c> (5000) and <c>MaxAttempts</c> (3).
/// </summary>
public static class FaunaSettings
{
    public const string EndpointKey = "Endpoint";
    public const string SecretKey = "Secret";
    public const string QueryTimeoutMsKey = "QueryTimeoutMs";
    public const string MaxAttemptsKey = "MaxAttempts";
    public const string RetryBaseDelayMsKey = "RetryBaseDelayMs";

    public static IEnumerable<string> Problems(TenantDescriptor tenant)
    {
        if (SettingChecks.HttpUrl(tenant, EndpointKey, "\"http://127.0.0.1:8443\" for FaunaLocal") is { } url)
            yield return url;
        if (tenant.Setting(SecretKey) is null)
            yield return $"Settings:{SecretKey} is required: set it with user-secrets or the environment variable Tenants__{tenant.Id}__Settings__{SecretKey}.";
        if (!InRange(tenant.Setting(QueryTimeoutMsKey), 1, 600_000))
            yield return $"Settings:{QueryTimeoutMsKey} must be a whole number of milliseconds from 1 to 600000.";
        if (!InRange(tenant.Setting(MaxAttemptsKey), 1, 10))
            yield return $"Settings:{MaxAttemptsKey} must be a whole number from 1 to 10.";
        if (!InRange(tenant.Setting(RetryBaseDelayMsKey), 0, 60_000))
            yield return $"Settings:{RetryBaseDelayMsKey} must be a whole number of milliseconds from 0 to 60000.";
    }

    public static FaunaClientOptions From(TenantDescriptor tenant)
    {
        var options = new FaunaClientOptions(new Uri(tenant.RequiredSetting(EndpointKey)), tenant.RequiredSetting(SecretKey));
        if (Number(tenant.Setting(QueryTimeoutMsKey)) is { } timeout) options = options with { QueryTimeout = TimeSpan.FromMilliseconds(timeout) };
        if (Number(tenant.Setting(MaxAttemptsKey)) is { } attempts) options = options with { MaxAttempts = (int)attempts };
        if (Number(tenant.Setting(RetryBaseDelayMsKey)) is { } delay) options = options with { RetryBaseDelay = TimeSpan.FromMilliseconds(delay) };
        return options;
    }

    private static bool InRange(string? value, long min, long max) =>
        value is null || Number(value) is { } n && n >= min && n <= max;

    private static long? Number(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
