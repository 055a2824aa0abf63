using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Dashboard.Providers.Fauna.Wire;

public sealed partial class FaunaClient
{
    /// <summary>
    /// Opens <c>POST /stream/1</c> for an event source token, from just after <paramref name="cursor"/> (null: the
    /// token's start), and yields its events as they arrive. A refused request throws the <see cref="FaunaException"/>
    /// Fauna answered; a connection that ends throws <see cref="IOException"/>, so the caller resumes with its cursor.
    /// No retries here: resuming is the caller's, who knows the last cursor it handled.
    /// </summary>
    public async IAsyncEnumerable<FaunaStreamEvent> StreamAsync(string token, string? cursor, [EnumeratorCancellation] CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string?> { ["token"] = token, ["cursor"] = cursor });
        using var request = new HttpRequestMessage(HttpMethod.Post, _streamUri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Secret);
        request.Headers.Add("X-Driver", "dashboard-fauna");
        var http = httpClients();
        http.Timeout = Timeout.InfiniteTimeSpan; // a stream stays open; the caller's token ends it
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            var answer = await response.Content.ReadAsByteArrayAsync(ct);
            throw ResponseReader.Error((int)response.StatusCode, Json((int)response.StatusCode, answer));
        }
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var lines = new StreamReader(stream, Encoding.UTF8);
        while (await lines.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0) continue;
            yield return Event(line);
        }
        throw new IOException("Fauna ended the event stream.");
    }

    private static FaunaStreamEvent Event(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var type = root.GetProperty("type").GetString() ?? "";
        var data = root.TryGetProperty("data", out var d) ? TaggedJson.Read(d) : null;
        var cursor = root.TryGetProperty("cursor", out var c) ? c.GetString() : null;
        var ts = root.TryGetProperty("txn_ts", out var t) && t.TryGetInt64(out var n) ? n : 0;
        string? code = null, message = null;
        if (root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object)
        {
            code = e.TryGetProperty("code", out var cc) ? cc.GetString() : null;
            message = e.TryGetProperty("message", out var m) ? m.GetString() : null;
        }
        var stats = ResponseReader.Stats(root);
        return new FaunaStreamEvent(type, data, cursor, ts, stats, code, message);
    }

    /// <summary>Puts an event's own reads into the current usage scope, as a query's are.</summary>
    public static void MeterEvent(FaunaStreamEvent e) => Meter(e.Stats);
}
