using Dashboard.Core;
namespace Dashboard.Access;

/// <summary>
/// Where avatar images may come from, in one place: the CSP's img-src is written from it and the pages ask it
/// before rendering an image, so a page never shows an image the browser would block (a broken picture).
/// Matching follows the CSP's host-source rules for the sources it writes: this site, data: URLs, and
/// https://host[:port] per allowed host, where "*.example.com" matches any subdomain but not example.com.
/// </summary>
public sealed class AvatarImagePolicy(IOptions<AvatarOptions> options)
{
    private readonly AllowedHost[] _hosts = options.Value.AllowedHosts.Select(AllowedHost.Parse).ToArray();

    /// <summary>The img-src value of the CSP.</summary>
    public string ImageSources { get; } = string.Join(' ', ["'self'", "data:", .. options.Value.Sources]);

    /// <summary>The configured hosts as a person reads them, e.g. "avatars.example.com, *.example.net".</summary>
    public string AllowedHostsText => _hosts.Length == 0
        ? "this site only"
        : string.Join(", ", _hosts.Select(h => h.Text));

    /// <summary>Whether a browser on <paramref name="site"/> (the app's base address) would load <paramref name="url"/>.</summary>
    public bool Shows(string? url, Uri site)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return false;
        if (uri.Scheme == "data") return true;
        if (IsSelf(uri, site)) return true;
        return uri.Scheme == Uri.UriSchemeHttps && _hosts.Any(h => h.Matches(uri));
    }

    /// <summary>
    /// For the Avatar URL field: a web address the pages will not show as an image says so and names what would be;
    /// anything else (empty, not yet an address, or shown) has no hint, validation speaks for malformed values.
    /// </summary>
    public string? NotShownHint(string? url, Uri site) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !Shows(uri.AbsoluteUri, site)
            ? $"Images from this host are not shown (allowed: {AllowedHostsText})."
            : null;

    // 'self': the same origin, or its https upgrade (CSP level 3).
    private static bool IsSelf(Uri uri, Uri site) =>
        string.Equals(uri.IdnHost, site.IdnHost, StringComparison.OrdinalIgnoreCase) &&
        ((uri.Scheme == site.Scheme && uri.Port == site.Port) ||
         (site.Scheme == Uri.UriSchemeHttp && uri.Scheme == Uri.UriSchemeHttps && (uri.IsDefaultPort || uri.Port == site.Port)));

    private sealed record AllowedHost(string Text, string Host, bool Wildcard, int? Port)
    {
        public static AllowedHost Parse(string configured)
        {
            var text = configured.Trim().ToLowerInvariant();
            var colon = text.LastIndexOf(':');
            var host = colon < 0 ? text : text[..colon];
            int? port = colon < 0 ? null : int.Parse(text[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            var wildcard = host.StartsWith("*.", StringComparison.Ordinal);
            return new AllowedHost(text, wildcard ? host[1..] : host, wildcard, port);
        }

        public bool Matches(Uri uri)
        {
            var host = uri.IdnHost.ToLowerInvariant();
            // A source without a port means the scheme's default port (443 for https).
            var portMatches = Port is { } p ? uri.Port == p : uri.IsDefaultPort;
            return portMatches && (Wildcard ? host.EndsWith(Host, StringComparison.Ordinal) : host == Host);
        }
    }
}

public static class AvatarImagePolicyServices
{
    /// <summary><see cref="AvatarOptions"/> (checked at start-up) and the policy the CSP and the pages share.</summary>
    public static IServiceCollection AddAvatarImagePolicy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AvatarOptions, AvatarOptionsValidator>(configuration.GetSection(AvatarOptions.Section));
        services.TryAddSingleton<AvatarImagePolicy>();
        return services;
    }
}
