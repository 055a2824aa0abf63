using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Providers.Tests.Fixtures;

/// <summary>
/// Sends the SDK's requests to a real DynamoDB Local, then loses the answer of the next <see cref="LoseNext"/>
/// writes: DynamoDB has applied (or refused) the write, but the SDK sees a reset connection or a 500 and sends the
/// same request again, as it does against AWS. <see cref="BeforeNextWrite"/> runs just before the next write is
/// sent, so a test can slip another writer's write in between a store's read and its write.
/// </summary>
public sealed partial class DynamoDbLostAnswerHandler(DynamoDbLostAnswerHandler.Fault fault) : DelegatingHandler(new SocketsHttpHandler())
{
    public enum Fault
    {
        /// <summary>The connection drops after DynamoDB answered (HttpRequestException over an IOException).</summary>
        ConnectionReset,
        /// <summary>DynamoDB's 500 InternalServerError, which AWS may send after a write took effect.</summary>
        InternalServerError,
    }

    private static readonly string[] Writes = ["PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems"];
    private int _loseNext, _lost, _writesSent;

    public int LoseNext
    {
        get => Volatile.Read(ref _loseNext);
        set => Volatile.Write(ref _loseNext, value);
    }

    /// <summary>Write answers lost so far.</summary>
    public int Lost => Volatile.Read(ref _lost);

    /// <summary>Write requests that reached DynamoDB Local, the SDK's retries included.</summary>
    public int WritesSent => Volatile.Read(ref _writesSent);

    /// <summary>
    /// The SDK sends a transaction's retries with the same ClientRequestToken, and DynamoDB answers a token it
    /// has already applied with success, for 10 minutes. When set, every transaction goes out with a fresh token,
    /// as if that window had passed: the store's own write id is then all that tells its earlier attempt apart.
    /// </summary>
    public bool TokensExpired { get; set; }

    /// <summary>Runs once, before the next write goes out; it must write through another client, not this handler.</summary>
    public Func<Task>? BeforeNextWrite
    {
        get => Volatile.Read(ref _beforeNextWrite);
        set => Volatile.Write(ref _beforeNextWrite, value);
    }

    private Func<Task>? _beforeNextWrite;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.Single() : "";
        if (!Writes.Contains(target.Split('.').Last())) return await base.SendAsync(request, ct);
        if (Interlocked.Exchange(ref _beforeNextWrite, null) is { } before) await before();
        if (TokensExpired && target.EndsWith(".TransactWriteItems", StringComparison.Ordinal)) await RenewTokenAsync(request, ct);
        var response = await base.SendAsync(request, ct);
        Interlocked.Increment(ref _writesSent);
        if (Interlocked.Decrement(ref _loseNext) < 0)
        {
            Interlocked.Exchange(ref _loseNext, 0);
            return response;
        }
        Interlocked.Increment(ref _lost);
        response.Dispose();
        if (fault == Fault.ConnectionReset)
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.",
                new IOException("Connection reset by peer after the request was sent."));
        var error = new HttpResponseMessage(HttpStatusCode.InternalServerError)
        {
            RequestMessage = request,
            Content = new StringContent(
                """{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"Internal server error"}""",
                Encoding.UTF8, "application/x-amz-json-1.0"),
        };
        error.Headers.Add("x-amzn-ErrorType", "InternalServerError");
        return error;
    }

    [GeneratedRegex("\"ClientRequestToken\":\"[^\"]*\"")]
    private static partial Regex ClientRequestToken();

    private static async Task RenewTokenAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = await request.Content!.ReadAsStringAsync(ct);
        Assert.Matches(ClientRequestToken(), body);
        var renewed = ClientRequestToken().Replace(body, $"\"ClientRequestToken\":\"{Guid.NewGuid()}\"");
        var contentType = request.Content.Headers.ContentType;
        request.Content = new StringContent(renewed, Encoding.UTF8);
        request.Content.Headers.ContentType = contentType;
    }
}
