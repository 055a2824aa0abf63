namespace Dashboard.Access;

/// <summary>Where to go after signing in: only a path on this site, never another host (no open redirect).</summary>
public static class ReturnUrls
{
    public static string LocalOrHome(string? returnUrl) => IsLocal(returnUrl) ? returnUrl! : "/";

    /// <summary>
    /// A path starting with a single "/" (not "//" or "/\", which browsers treat as another host), with no
    /// scheme, no backslash and no control characters.
    /// </summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/') return false;
        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\')) return false;
        if (url.Length > 2048) return false;
        foreach (var c in url)
            if (c == '\\' || char.IsControl(c)) return false;
        // A decoded form must be local too ("/%2F%2Fevil.example" decodes to "//evil.example").
        var decoded = Uri.UnescapeDataString(url);
        return decoded == url || IsLocal(decoded);
    }

    public static string LoginPath(string returnPath) =>
        "/login?returnUrl=" + Uri.EscapeDataString(IsLocal(returnPath) ? returnPath : "/");
}
