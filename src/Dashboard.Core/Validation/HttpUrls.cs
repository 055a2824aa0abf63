namespace Dashboard.Core.Validation;

/// <summary>What counts as a web address wherever one is accepted: user input and tenant settings alike.</summary>
public static class HttpUrls
{
    /// <summary>An absolute URL whose scheme is http or https (no relative paths, no file: or javascript:).</summary>
    public static bool IsAbsoluteHttp(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
