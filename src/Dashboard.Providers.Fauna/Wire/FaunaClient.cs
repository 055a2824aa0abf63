using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Dashboard.Core.Usage;

namespace Dashboard.Providers.Fauna.Wire;

/// <summary>
/// Sends query templates to <c>POST /query/1</c> in the tagged format and decodes the answers. Every answer's
/// <c>stats</c> (errors included: reads are charged when a query fails) goes into the current
/// <see cref="UsageScope"/>, and every throttled attempt is recorded there, marked retried or surfaced.
/// Retries like the official drivers: 429 and network errors (plus 409 contention and 503, which Fauna
/// rejects before committing), <see cref="FaunaClientOptions.MaxAttempts"/> attempts, exponential backoff with jitter.
/// </summary>
public sealed partial class FaunaClient(Func<HttpClient> httpClients, FaunaClientOptions options)
{
    public const string HttpClientName = "Fauna";
    public const string ThrottleCause = "Fauna 429 limit_exceeded";

    private readonly Uri _queryUri = new(options.Endpoint, "/query/1");
    private readonly Uri _storageUri = new(options.Endpoint, "/storage/1");
    private readonly Uri _streamUri = new(options.Endpoint, "/stream/1");
    private readonly string _timeoutMs = ((long)options.QueryTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
    private long _lastTxnTs;

    public FaunaClientOptions Options => options;

    /// <summary>The newest transaction time seen, sent back as X-Last-Txn-Ts so reads never go back in time.</summary>
    public long LastTxnTs => Interlocked.Read(ref _lastTxnTs);

    /// <param name="tags">X-Query-Tags pairs (letters, digits and '_'; other characters are replaced).</param>
    public async Task<QueryResponse> QueryAsync(Query query, IReadOnlyList<(string Key, string Value)>? tags, CancellationToken ct)
    {
        var body = QueryRequestWriter.Body(query);
        var tagHeader = tags is { Count: > 0 } ? string.Join(',', tags.Select(t => $"{TagText(t.Key)}={TagText(t.Value)}")) : null;
        for (var attempt = 1; ; attempt++)
        {
            var last = attempt >= options.MaxAttempts;
            try
            {
                return await SendAsync(body, tagHeader, last, ct);
            }
            catch (FaunaException e) when (!last && IsRetried(e))
            {
            }
            catch (Exception e) when (!last && IsNetworkFailure(e, ct))
            {
            }
            await Task.Delay(Backoff.Delay(attempt, options.RetryBaseDelay, options.MaxBackoff), ct);
        }
    }

    /// <summary>
    /// The bytes the secret's database occupies, documents and indexes (FaunaLocal's <c>GET /storage/1</c>), or
    /// null where the endpoint does not exist: Fauna's hosted service showed storage only on its dashboard and bill.
    /// One attempt: the figure is read in the background and a later refresh simply asks again.
    /// </summary>
    public async Task<long?> StorageBytesAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _storageUri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Secret);
        var (status, answer) = await ExchangeAsync(request, ct);
        if (status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.MethodNotAllowed) return null;
        var root = Json(status, answer);
        if (status != (int)HttpStatusCode.OK) throw ResponseReader.Error(status, root);
        return root.TryGetProperty("storage_bytes", out var bytes) && bytes.TryGetInt64(out var n) && n >= 0
            ? n
            : throw new FaunaProtocolException("The storage answer has no storage_bytes.");
    }

    private async Task<QueryResponse> SendAsync(byte[] body, string? tags, bool lastAttempt, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _queryUri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Secret);
        request.Headers.Add("X-Format", "tagged");
        request.Headers.Add("X-Query-Timeout-Ms", _timeoutMs);
        request.Headers.Add("X-Driver", "dashboard-fauna");
        if (tags is not null) request.Headers.Add("X-Query-Tags", tags);
        if (LastTxnTs is > 0 and var ts) request.Headers.Add("X-Last-Txn-Ts", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var (status, answer) = await ExchangeAsync(request, ct);
        var root = Json(status, answer);
        if (status == (int)HttpStatusCode.OK)
        {
            var ok = ResponseReader.Success(root);
            Meter(ok.Stats);
            if (ok.Stats.RateLimitsHit.Count > 0)
                UsageScope.RecordThrottle($"Fauna rate_limits_hit ({string.Join(',', ok.Stats.RateLimitsHit)})", retried: false);
            AdvanceTxnTs(ok.TxnTs);
            return ok;
        }
        var error = ResponseReader.Error(status, root);
        Meter(error.Stats);
        if (error.IsThrottled)
        {
            var kinds = error.Stats.RateLimitsHit.Count > 0 ? $" ({string.Join(',', error.Stats.RateLimitsHit)})" : "";
            UsageScope.RecordThrottle(ThrottleCause + kinds, retried: !lastAttempt);
        }
        throw error;
    }

    private async Task<(int Status, byte[] Body)> ExchangeAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var http = httpClients();
        http.Timeout = options.QueryTimeout + TimeSpan.FromSeconds(5);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(ct));
    }

    /// <summary>An answer's body as JSON, whatever the status.</summary>
    private static JsonElement Json(int status, byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            // A proxy or load balancer answering instead of Fauna: a 5xx page is "unavailable", retried like 503.
            if (status >= 500) throw new FaunaException(status, "unavailable", $"a non-Fauna answer (HTTP {status})");
            throw new FaunaProtocolException($"Fauna answered HTTP {status} with a body that is not JSON.", e);
        }
    }

    private void AdvanceTxnTs(long ts)
    {
        var seen = Interlocked.Read(ref _lastTxnTs);
        while (ts > seen)
        {
            var previous = Interlocked.CompareExchange(ref _lastTxnTs, ts, seen);
            if (previous == seen) return;
            seen = previous;
        }
    }

    private static void Meter(QueryStats stats)
    {
        UsageScope.Add(UsageUnit.ReadOps, stats.ReadOps);
        UsageScope.Add(UsageUnit.WriteOps, stats.WriteOps);
        UsageScope.Add(UsageUnit.ComputeOps, stats.ComputeOps);
        UsageScope.Add(UsageUnit.StorageBytesRead, stats.StorageBytesRead);
        UsageScope.Add(UsageUnit.StorageBytesWritten, stats.StorageBytesWrite);
    }

    /// <summary>Answers that mean nothing was committed and trying again later may succeed.</summary>
    private static bool IsRetried(FaunaException e) => e.IsThrottled || e.Status is 409 or 503;

    /// <summary>
    /// The connection failed or broke. Our writes are idempotent (a replay recognises its own write), so a retry
    /// is safe even if the lost attempt committed. Our own cancellation and the HTTP timeout are not retried.
    /// </summary>
    internal static bool IsNetworkFailure(Exception e, CancellationToken ct) =>
        !ct.IsCancellationRequested && e is HttpRequestException or IOException or SocketException;

    private static string TagText(string s)
    {
        var chars = s.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').Take(80).ToArray();
        return chars.Length == 0 ? "_" : new string(chars);
    }
}
