using System.Text.RegularExpressions;

namespace Dashboard.Access;

/// <summary>
/// <c>appsettings → Avatars</c>: the hosts staff browsers may load avatar images from (https only). Avatar URLs
/// are typed by whoever edits a user, so any other host is blocked by the CSP: a stranger's address is never
/// fetched by a staff browser. Empty: only images from this site and data: URLs.
/// </summary>
public sealed partial class AvatarOptions
{
    public const string Section = "Avatars";

    /// <summary>Host names such as "avatars.example.com" or "*.gravatar.com", optionally with a port.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>The CSP sources for <see cref="AllowedHosts"/>, e.g. "https://avatars.example.com".</summary>
    public IEnumerable<string> Sources => AllowedHosts.Select(h => "https://" + h.Trim().ToLowerInvariant());

    // A strict shape: a host is put into a header, so nothing else (';', spaces, quotes, schemes) may pass.
    [GeneratedRegex(@"^(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+(:[0-9]{1,5})?$", RegexOptions.IgnoreCase)]
    internal static partial Regex HostShape();
}

public sealed class AvatarOptionsValidator : IValidateOptions<AvatarOptions>
{
    public ValidateOptionsResult Validate(string? name, AvatarOptions options)
    {
        var failures = options.AllowedHosts
            .Select((host, i) => (host, i))
            .Where(h => !AvatarOptions.HostShape().IsMatch(h.host?.Trim() ?? ""))
            .Select(h => $"Avatars:AllowedHosts:{h.i} '{h.host}' is not a host name (e.g. avatars.example.com or *.example.com, no scheme or path).")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
