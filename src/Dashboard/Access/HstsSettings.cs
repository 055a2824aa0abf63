namespace Dashboard.Access;

/// <summary>
/// <c>appsettings → Hsts</c>: whether Strict-Transport-Security is sent on https requests (the original scheme, as
/// a known proxy forwards it). Unset: outside Development only, never to localhost (ASP.NET Core's defaults). True:
/// on every host, loopback included, for a TLS-terminating proxy on this machine (scripts/cluster.sh); browsers
/// ignore the header for IP addresses, so it pins nothing there.
/// </summary>
public sealed class HstsSettings
{
    public const string Section = "Hsts";

    public bool? Enabled { get; set; }

    /// <summary>How long browsers keep to https once told (ASP.NET Core's default: 30 days).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    public bool SendsHsts(IHostEnvironment environment) => Enabled ?? !environment.IsDevelopment();
}
