using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Dashboard.Access;

/// <summary>
/// <c>appsettings → ForwardedHeaders</c>: the reverse proxies (e.g. a TLS-terminating load balancer) whose
/// X-Forwarded-For and X-Forwarded-Proto are believed. Nothing is believed unless the connection comes from one
/// of them; with none configured the headers are ignored altogether.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. "10.0.0.5".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. "10.0.0.0/24".</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a chain to walk back through (each must be known).</summary>
    public int ForwardLimit { get; set; } = 1;


    /// <summary>Fills ASP.NET Core's options with exactly these proxies (its loopback defaults removed).</summary>
    public void ApplyTo(ForwardedHeadersOptions target)
    {
        target.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        target.ForwardLimit = ForwardLimit;
        target.KnownProxies.Clear();
        target.KnownIPNetworks.Clear();
        // Entries that do not parse are left out here and stop start-up in ProxyOptionsValidator.
        foreach (var proxy in KnownProxies)
            if (IPAddress.TryParse(proxy?.Trim(), out var address)) target.KnownProxies.Add(address);
        foreach (var network in KnownNetworks)
            if (System.Net.IPNetwork.TryParse(network?.Trim(), out var parsed)) target.KnownIPNetworks.Add(parsed);
    }

    public IEnumerable<string> Problems()
    {
        // Blank entries (an unset environment variable, say) are ignored, not errors.
        for (var i = 0; i < KnownProxies.Count; i++)
            if (!string.IsNullOrWhiteSpace(KnownProxies[i]) && !IPAddress.TryParse(KnownProxies[i].Trim(), out _)) yield return $"{Section}:KnownProxies:{i} '{KnownProxies[i]}' is not an IP address.";
        for (var i = 0; i < KnownNetworks.Count; i++)
            if (!string.IsNullOrWhiteSpace(KnownNetworks[i]) && !System.Net.IPNetwork.TryParse(KnownNetworks[i].Trim(), out _)) yield return $"{Section}:KnownNetworks:{i} '{KnownNetworks[i]}' is not a network in CIDR form (e.g. 10.0.0.0/24).";
        if (ForwardLimit < 1) yield return $"{Section}:ForwardLimit must be at least 1.";
    }
}

public sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
