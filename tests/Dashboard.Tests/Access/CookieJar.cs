using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Tests.Access;

/// <summary>
/// A client that keeps cookies where the test can see and copy them (a person's browser, or an attacker who
/// copied its cookie). Redirects are not followed; every request asks for HTML unless told otherwise.
/// </summary>
public sealed partial class CookieJar(HttpClient client)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    /// <summary>Headers added to every request (e.g. what a proxy forwards).</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every Set-Cookie header seen, as sent (to check attributes such as Secure).</summary>
    public List<string> SetCookies { get; } = [];

    public string? this[string name] => _cookies.GetValueOrDefault(name);

    /// <summary>A second client holding a copy of these cookies.</summary>
    public CookieJar CopyTo(HttpClient other)
    {
        var copy = new CookieJar(other);
        foreach (var (name, value) in _cookies) copy._cookies[name] = value;
        return copy;
    }

    public void Set(string name, string value) => _cookies[name] = value;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, string accept = "text/html")
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Accept.ParseAdd(accept);
        foreach (var (name, value) in Headers)
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase)) request.Headers.Host = value;
            else request.Headers.TryAddWithoutValidation(name, value);
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            foreach (var header in setCookies)
            {
                SetCookies.Add(header);
                var cookie = SetCookieHeaderValue.Parse(header);
                var name = cookie.Name.ToString();
                if (cookie.Value.Length == 0 || cookie.Expires < DateTimeOffset.UtcNow) _cookies.Remove(name);
                else _cookies[name] = cookie.Value.ToString();
            }
        return response;
    }

    public Task<HttpResponseMessage> GetAsync(string path, string accept = "text/html") => SendAsync(HttpMethod.Get, path, accept: accept);

    /// <summary>GET a page and POST a form on it with its antiforgery token (the token can be reused: it is not single-use).</summary>
    public async Task<string> AntiforgeryTokenAsync(string path = "/login")
    {
        var page = await (await GetAsync(path)).Content.ReadAsStringAsync();
        return WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> form) =>
        SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent(form));

    public async Task<HttpResponseMessage> SignInAsync(string email, string password, string? token = null)
    {
        token ??= await AntiforgeryTokenAsync();
        return await PostFormAsync("/login", new()
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    public async Task<HttpResponseMessage> SignOutAsync()
    {
        var token = await AntiforgeryTokenAsync("/");
        return await PostFormAsync("/logout", new() { ["__RequestVerificationToken"] = token });
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public static class DashboardServerJars
{
    /// <summary>Where a redirect goes, as a local path and query (the cookie handler writes absolute URLs, pages relative ones).</summary>
    public static string RedirectPath(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    /// <summary>True when the response sends the browser to the sign-in page.</summary>
    public static bool SendsToSignIn(this HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.RedirectPath().StartsWith("/login", StringComparison.Ordinal);

    /// <summary>A jar over a client of this server that neither follows redirects nor handles cookies itself.</summary>
    public static CookieJar Jar(this DashboardServer server) => new(server.RawClient());
}
