using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace FaunaLocal.Tests;

/// <summary>Talks to /stream/1 and /feed/1 like a driver: a token, then events (streams) or pages (feeds).</summary>
public static class EventClient
{
    public static async Task<string> Token(ServerFixture s, string fql, string secret = "secret")
    {
        var r = await s.Query(fql, secret);
        Assert.True(r.Status == 200, r.Body);
        return r.Data.GetProperty("@stream").GetString()!;
    }

    public static async Task<Reply> Feed(ServerFixture s, object body, string secret = "secret", params (string, string)[] headers) =>
        await Send(s, "/feed/1", JsonSerializer.Serialize(body), secret, HttpVersion.Version11, headers);

    /// <summary>The events of a feed page (data of each, or the whole event with `whole`).</summary>
    public static List<JsonElement> Events(Reply page) => [.. page.Json.GetProperty("events").EnumerateArray()];

    public static async Task<Reply> Send(ServerFixture s, string path, string body, string? secret, Version version, params (string, string)[] headers)
    {
        using var req = Request(s, path, body, secret, version, headers);
        using var resp = await s.Http.SendAsync(req);
        return new Reply((int)resp.StatusCode, await resp.Content.ReadAsStringAsync(), resp.Version, resp.Headers.WwwAuthenticate.ToString());
    }

    private static HttpRequestMessage Request(ServerFixture s, string path, string body, string? secret, Version version, (string, string)[] headers)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, new Uri(s.Url, path))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
            Version = version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (secret != null) req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        foreach (var (name, value) in headers) req.Headers.TryAddWithoutValidation(name, value);
        return req;
    }

    public static async Task<EventStream> Stream(ServerFixture s, object body, Version version, string secret = "secret")
    {
        var req = Request(s, "/stream/1", JsonSerializer.Serialize(body), secret, version, []);
        var resp = await s.Http.SendAsync(req, HttpCompletionOption.ResponseHeadersRead);
        return new EventStream(req, resp, new StreamReader(await resp.Content.ReadAsStreamAsync()));
    }
}

/// <summary>An open event stream: its response and its events, one JSON line each.</summary>
public sealed class EventStream(HttpRequestMessage request, HttpResponseMessage response, StreamReader body) : IAsyncDisposable
{
    public HttpResponseMessage Response { get; } = response;

    /// <summary>The next event, or null when the stream ended; fails after the timeout.</summary>
    public async Task<JsonElement?> Next(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var line = await body.ReadLineAsync(cts.Token);
        if (line == null) return null;
        using var doc = JsonDocument.Parse(line);
        return doc.RootElement.Clone();
    }

    /// <summary>The next n events other than status events.</summary>
    public async Task<List<JsonElement>> Data(int n)
    {
        var events = new List<JsonElement>();
        while (events.Count < n)
        {
            var e = await Next() ?? throw new Xunit.Sdk.XunitException($"the stream ended after {events.Count} of {n} events");
            if (e.GetProperty("type").GetString() != "status") events.Add(e);
        }
        return events;
    }

    public async ValueTask DisposeAsync()
    {
        body.Dispose();
        Response.Dispose();
        request.Dispose();
        await Task.CompletedTask;
    }
}
