using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Providers.DynamoDb.Streams;

/// <summary>
/// The three DynamoDB Streams calls the change feed makes (DescribeStream, GetShardIterator, GetRecords), as JSON
/// over HTTP signed with SigV4: the Streams client left AWSSDK.DynamoDBv2 in SDK v4 for a package of its own that
/// our registry does not serve. DynamoDB Local answers them on its one endpoint; on AWS they go to
/// <c>streams.dynamodb.&lt;region&gt;</c>. Errors come back as <see cref="StreamsApiException"/>.
/// </summary>
internal sealed class StreamsApi(DynamoDbSettings settings) : IDisposable
{
    private const string Service = "dynamodb";
    private readonly HttpClient _http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Uri _endpoint = Endpoint(settings.ServiceUrl);

    private static Uri Endpoint(Uri serviceUrl) =>
        serviceUrl.Host.StartsWith("dynamodb.", StringComparison.OrdinalIgnoreCase)
            ? new UriBuilder(serviceUrl) { Host = "streams." + serviceUrl.Host, Path = "/" }.Uri
            : new UriBuilder(serviceUrl) { Path = "/" }.Uri;

    public Task<JsonNode> DescribeStreamAsync(string streamArn, string? exclusiveStartShardId, CancellationToken ct) =>
        CallAsync("DescribeStream", new JsonObject { ["StreamArn"] = streamArn, ["ExclusiveStartShardId"] = exclusiveStartShardId }, ct);

    public async Task<string?> ShardIteratorAsync(string streamArn, string shardId, string type, string? sequenceNumber, CancellationToken ct)
    {
        var request = new JsonObject { ["StreamArn"] = streamArn, ["ShardId"] = shardId, ["ShardIteratorType"] = type };
        if (sequenceNumber is not null) request["SequenceNumber"] = sequenceNumber;
        return (await CallAsync("GetShardIterator", request, ct))["ShardIterator"]?.GetValue<string>();
    }

    public Task<JsonNode> GetRecordsAsync(string iterator, CancellationToken ct) =>
        CallAsync("GetRecords", new JsonObject { ["ShardIterator"] = iterator, ["Limit"] = 1000 }, ct);

    private async Task<JsonNode> CallAsync(string action, JsonObject request, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-amz-json-1.0");
        message.Headers.Add("X-Amz-Target", "DynamoDBStreams_20120810." + action);
        SigV4.Sign(message, body, settings.Region, Service, "local", "local", DateTime.UtcNow);
        using var response = await _http.SendAsync(message, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var json = string.IsNullOrEmpty(text) ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject();
        if (response.IsSuccessStatusCode) return json;
        var type = json["__type"]?.GetValue<string>() ?? $"HTTP {(int)response.StatusCode}";
        throw new StreamsApiException(type[(type.LastIndexOf('#') + 1)..], json["message"]?.GetValue<string>() ?? json["Message"]?.GetValue<string>() ?? text,
            (int)response.StatusCode);
    }

    public void Dispose() => _http.Dispose();
}

internal sealed class StreamsApiException(string code, string message, int status) : Exception($"DynamoDB Streams {code}: {message}")
{
    public string Code { get; } = code;
    public int Status { get; } = status;
}
