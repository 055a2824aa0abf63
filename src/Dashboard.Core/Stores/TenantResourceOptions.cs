namespace Dashboard.Core.Stores;

/// <summary>
/// <c>TenantResources</c>: how many tenants' backend stores (with their clients, pools, circuits and metering
/// series) are kept live at once, and how long an unused one stays. Built on first use, evicted when idle or
/// when the bound is reached (least recently used first).
/// </summary>
public sealed class TenantResourceOptions
{
    public const string Section = "TenantResources";

    public int MaxLive { get; set; } = 1_000;

    public TimeSpan IdleAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An evicted store is disposed this long after eviction, so calls already running on it finish.</summary>
    public TimeSpan DisposeGrace { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class TenantResourceOptionsValidator : IValidateOptions<TenantResourceOptions>
{
    public ValidateOptionsResult Validate(string? name, TenantResourceOptions o)
    {
        var failures = new List<string>();
        if (o.MaxLive < 1) failures.Add("TenantResources:MaxLive must be at least 1.");
        if (o.IdleAfter < TimeSpan.FromSeconds(1)) failures.Add("TenantResources:IdleAfter must be at least 00:00:01.");
        if (o.DisposeGrace < TimeSpan.Zero) failures.Add("TenantResources:DisposeGrace must not be negative.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
