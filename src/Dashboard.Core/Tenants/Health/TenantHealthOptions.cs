namespace Dashboard.Core.Tenants.Health;

/// <summary>
/// <c>TenantHealth</c>: how the background prober spends its budget. Each tenant is checked every
/// <see cref="Interval"/>, or more rarely when there are too many tenants for <see cref="MaxProbesPerSecond"/>
/// (see <see cref="PeriodFor"/>); a tenant that is down is retried after <see cref="FirstRetry"/>, doubling to
/// <see cref="MaxBackoff"/>.
/// </summary>
public sealed class TenantHealthOptions
{
    public const string Section = "TenantHealth";

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Pings in flight at once, whatever the number of tenants.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>The prober's whole budget: pings started per second over all tenants.</summary>
    public int MaxProbesPerSecond { get; set; } = 50;

    /// <summary>A ping that has not answered by then counts as "unavailable".</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the prober looks for tenants that are due.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a healthy tenant is checked when there are <paramref name="tenants"/> of them.</summary>
    public TimeSpan PeriodFor(int tenants) =>
        TimeSpan.FromSeconds(Math.Max(Interval.TotalSeconds, (double)tenants / MaxProbesPerSecond));

    /// <summary>The pause before checking again a tenant that failed <paramref name="failures"/> times in a row.</summary>
    public TimeSpan BackoffAfter(int failures) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstRetry.Ticks * (1L << Math.Clamp(failures - 1, 0, 20))));
}

/// <summary>Refuses a prober configuration that would never check or never stop checking.</summary>
public sealed class TenantHealthOptionsValidator : IValidateOptions<TenantHealthOptions>
{
    public ValidateOptionsResult Validate(string? name, TenantHealthOptions o)
    {
        var failures = new List<string>();
        if (o.Interval < TimeSpan.FromSeconds(1)) failures.Add("TenantHealth:Interval must be at least 00:00:01.");
        if (o.MaxConcurrency is < 1 or > 64) failures.Add("TenantHealth:MaxConcurrency must be between 1 and 64.");
        if (o.MaxProbesPerSecond is < 1 or > 10_000) failures.Add("TenantHealth:MaxProbesPerSecond must be between 1 and 10000.");
        if (o.Timeout <= TimeSpan.Zero) failures.Add("TenantHealth:Timeout must be positive.");
        if (o.FirstRetry <= TimeSpan.Zero) failures.Add("TenantHealth:FirstRetry must be positive.");
        if (o.MaxBackoff < o.FirstRetry) failures.Add("TenantHealth:MaxBackoff must be at least FirstRetry.");
        if (o.Tick <= TimeSpan.Zero) failures.Add("TenantHealth:Tick must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
