namespace Dashboard.Cluster;

/// <summary>
/// <c>appsettings → Cluster</c>: what differs between instances of one dashboard behind a load balancer. Everything
/// else (app store, key-ring certificate, proxies, scrape token) must be the same on every instance.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>
    /// The instance's name, carried by the throttle events it records and matching Prometheus's <c>instance</c>
    /// label for it. Empty: the machine name and process id (unique, but new at every start).
    /// </summary>
    public string InstanceName { get; set; } = "";

    /// <summary>
    /// Whether this instance creates the tenants' schemas and loads demo data at start. One instance does: two
    /// loading the same demo data at once would collide.
    /// </summary>
    public bool PreparesTenants { get; set; } = true;
}

public sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public const int MaxInstanceNameLength = 64;

    public ValidateOptionsResult Validate(string? name, ClusterOptions options) =>
        options.InstanceName.Trim().Length > MaxInstanceNameLength
            ? ValidateOptionsResult.Fail($"{ClusterOptions.Section}:InstanceName is longer than {MaxInstanceNameLength} characters.")
            : ValidateOptionsResult.Success;
}
