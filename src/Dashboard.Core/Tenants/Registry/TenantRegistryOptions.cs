namespace Dashboard.Core.Tenants.Registry;

/// <summary><c>TenantRegistry</c>: how configured tenants relate to the stored registry, and how often instances look for changes.</summary>
public sealed class TenantRegistryOptions
{
    public const string Section = "TenantRegistry";

    /// <summary>
    /// Every configured tenant is pinned: read-only on the admin page and rewritten from configuration at each start.
    /// A single tenant is pinned with <c>Tenants:&lt;id&gt;:Pinned=true</c>.
    /// </summary>
    public bool PinConfigTenants { get; set; }

    /// <summary>How often each instance reads the store's change version.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the connection test before a save may take.</summary>
    public TimeSpan ConnectionTestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class TenantRegistryOptionsValidator : IValidateOptions<TenantRegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, TenantRegistryOptions o)
    {
        var failures = new List<string>();
        if (o.PollInterval < TimeSpan.FromMilliseconds(100)) failures.Add("TenantRegistry:PollInterval must be at least 00:00:00.1.");
        if (o.ConnectionTestTimeout < TimeSpan.FromSeconds(1)) failures.Add("TenantRegistry:ConnectionTestTimeout must be at least 00:00:01.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
