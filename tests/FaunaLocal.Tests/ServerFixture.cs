using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FaunaLocal.Server;

namespace FaunaLocal.Tests;

/// <summary>A real FaunaLocal server on a free port, in memory, and a client for it.</summary>
public sealed class ServerFixture : IAsyncDisposable
{
    public FaunaLocalServer Server { get; }
    public HttpClient Http { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) });
    public Uri Url { get; private set; } = null!;

    private ServerFixture(FaunaLocalOptions options) => Server = new FaunaLocalServer(options);

    public static async Task<ServerFixture> StartAsync(FaunaLocalOptions? options = null)
    {
        var f = new ServerFixture((options ?? new FaunaLocalOptions()) with { Port = 0 });
        f.Url = await f.Server.StartAsync();
        return f;
    }

    public async Task<Reply> Post(string body, string? secret = "secret", Version? version = null, params (string Name, string Value)[] headers)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, new Uri(Url, "/query/1"))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
            Version = version ?? HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (secret != null) req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        foreach (var (name, value) in headers) req.Headers.TryAddWithoutValidation(name, value);
        using var resp = await Http.SendAsync(req);
        var text = await resp.Content.ReadAsStringAsync();
        return new Reply((int)resp.StatusCode, text, resp.Version, resp.Headers.WwwAuthenticate.ToString());
    }

    /// <summary>Runs plain FQL in the tagged format.</summary>
    public Task<Reply> Query(string fql, string secret = "secret", params (string, string)[] headers) =>
        Post(JsonSerializer.Serialize(new Dictionary<string, string> { ["query"] = fql }), secret, null,
            [("X-Format", "tagged"), .. headers]);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

public sealed record Reply(int Status, string Body, Version Version, string WwwAuthenticate)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    public JsonElement Data => Json.GetProperty("data");
    public string? ErrorCode => Json.TryGetProperty("error", out var e) ? e.GetProperty("code").GetString() : null;
    public JsonElement Stats => Json.GetProperty("stats");
}
