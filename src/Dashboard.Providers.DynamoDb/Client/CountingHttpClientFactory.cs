using Amazon.Runtime;

namespace Dashboard.Providers.DynamoDb.Client;

/// <summary>Gives the SDK HttpClients whose pipeline counts throttling answers per attempt.</summary>
internal sealed class CountingHttpClientFactory : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        var sockets = new SocketsHttpHandler
        {
            ConnectTimeout = clientConfig.ConnectTimeout ?? TimeSpan.FromSeconds(2),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = clientConfig.MaxConnectionsPerServer ?? int.MaxValue,
        };
        return new HttpClient(new ThrottleCountingHandler(sockets))
        {
            Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100),
        };
    }

    /// <summary>Cached per SDK client (null): disposed with it, never shared with clients configured otherwise.</summary>
    public override string? GetConfigUniqueString(IClientConfig clientConfig) => null;
}
