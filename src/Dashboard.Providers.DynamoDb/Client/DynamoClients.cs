using Amazon;
using Amazon.Runtime;

namespace Dashboard.Providers.DynamoDb.Client;

/// <summary>
/// The two SDK clients of a tenant, with a deliberate retry policy each:
/// <list type="bullet">
/// <item><b>Pages</b>: Standard mode (exponential backoff with full jitter), <c>MaxErrorRetry = 2</c>, i.e. 3 attempts
/// instead of the DynamoDB client's default 4, and 5 s per attempt. A person is waiting and the tenant resilience
/// layer above retries <c>ThrottledException</c> again with its own jitter and circuit breaker; more SDK attempts
/// would multiply with those and hold a Blazor circuit for seconds on a dead or saturated backend.</item>
/// <item><b>Bulk</b> (BatchWriteItem loads): Adaptive mode, which adds a client-side token bucket that slows the send
/// rate when DynamoDB throttles, and 8 retries: nobody waits on a page, finishing the load matters more.</item>
/// </list>
/// Credentials are explicit (<c>local/local</c>), so the SDK never walks the machine's credential chain.
/// <paramref name="transport"/> replaces the socket handler under both clients' pipelines (tests inject faults there).
/// </summary>
internal sealed class DynamoClients(DynamoDbSettings settings, Func<HttpMessageHandler>? transport = null) : IDisposable
{
    public const int PageMaxErrorRetry = 2;
    public const int BulkMaxErrorRetry = 8;

    public AmazonDynamoDBClient Pages { get; } = Create(settings, RequestRetryMode.Standard, PageMaxErrorRetry, TimeSpan.FromSeconds(5), transport);

    public AmazonDynamoDBClient Bulk { get; } = Create(settings, RequestRetryMode.Adaptive, BulkMaxErrorRetry, TimeSpan.FromSeconds(30), transport);

    private static AmazonDynamoDBClient Create(DynamoDbSettings settings, RequestRetryMode mode, int retries, TimeSpan timeout,
        Func<HttpMessageHandler>? transport)
    {
        var config = new AmazonDynamoDBConfig
        {
            ServiceURL = settings.ServiceUrl.ToString(),
            AuthenticationRegion = settings.Region,
            RetryMode = mode,
            MaxErrorRetry = retries,
            Timeout = timeout,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            HttpClientFactory = new CountingHttpClientFactory(transport),
        };
        return new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), config);
    }

    public void Dispose()
    {
        Pages.Dispose();
        Bulk.Dispose();
    }
}
