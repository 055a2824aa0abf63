using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.Circuits.Bench.SignalR;

/// <summary>
/// Signs the demo agent in over plain HTTP, as a browser posts the sign-in form (its hidden fields, the antiforgery
/// token among them, plus email and password), and keeps the cookies for every SignalR agent.
/// </summary>
internal static partial class HttpSignIn
{
    public static async Task<CookieContainer> SignInAsync(Uri app, string email = "agent@example.com", string password = "agent-pass-1")
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app };
        // Back to /healthz, not a page: no circuit is left behind to count against the baseline.
        var login = new Uri(app, "/login?returnUrl=%2Fhealthz");
        var html = await http.GetStringAsync(login);
        var form = Form().Match(html);
        if (!form.Success) throw new InvalidOperationException("no form on the sign-in page");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in Input().Matches(form.Groups["body"].Value))
        {
            var name = AttributeOf(input.Value, "name");
            if (name is null) continue;
            var value = name.EndsWith("Email", StringComparison.OrdinalIgnoreCase) ? email
                : name.EndsWith("Password", StringComparison.OrdinalIgnoreCase) ? password
                : AttributeOf(input.Value, "value") ?? "";
            fields.Add(new(name, value));
        }
        if (!fields.Any(f => f.Value == password)) throw new InvalidOperationException("no password field in the sign-in form");
        var action = AttributeOf(form.Groups["open"].Value, "action");
        using var response = await http.PostAsync(string.IsNullOrEmpty(action) ? login : new Uri(login, action), new FormUrlEncodedContent(fields));
        if (response.RequestMessage?.RequestUri?.AbsolutePath != "/healthz")
            throw new InvalidOperationException($"sign-in did not go through: ended on {response.RequestMessage?.RequestUri} ({(int)response.StatusCode})");
        return cookies;
    }

    private static string? AttributeOf(string tag, string name)
    {
        var m = Regex.Match(tag, $@"\s{name}=""([^""]*)""", RegexOptions.IgnoreCase);
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }

    [GeneratedRegex(@"(?<open><form\b[^>]*>)(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Form();

    [GeneratedRegex(@"<input\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Input();
}
