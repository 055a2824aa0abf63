using Amazon.Runtime;

namespace Dashboard.Providers.DynamoDb.Client;

/// <summary>
/// Gives the SDK HttpClients whose pipeline counts throttling answers per attempt. <paramref name="transport"/>, when
/// given, sends the requests beneath the counter instead of a socket handler (tests put a network fault there).
/// </summary>
internal sealed class CountingHttpClientFactory(Func<HttpMessageHandler>? transport = null) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        var sender = transport?.Invoke() ?? new SocketsHttpHandler
        {
            ConnectTimeout = clientConfig.ConnectTimeout ?? TimeSpan.FromSeconds(2),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = clientConfig.MaxConnectionsPerServer ?? int.MaxValue,
        };
        return new HttpClient(new ThrottleCountingHandler(sender))
        {
            Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100),
        };
    }

    /// <summary>Cached per SDK client (null): disposed with it, never shared with clients configured otherwise.</summary>
    public override string? GetConfigUniqueString(IClientConfig clientConfig) => null;
}
