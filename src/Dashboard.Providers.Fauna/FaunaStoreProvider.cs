namespace Dashboard.Providers.Fauna;

/// <summary>
/// Tenants on Fauna (<c>Provider: "Fauna"</c>), or FaunaLocal. Settings: <c>Endpoint</c>, <c>Secret</c> (from
/// user-secrets or the environment; never logged or shown), optional <c>QueryTimeoutMs</c>, <c>MaxAttempts</c>,
/// <c>RetryBaseDelayMs</c>. HTTP connections come from the host's <see cref="IHttpClientFactory"/>.
/// </summary>
public sealed class FaunaStoreProvider(IHttpClientFactory httpClients) : IDataStoreProvider
{
    /// <summary>Fauna's name in pages, errors and metrics (FaunaLocal goes by it too).</summary>
    public const string Product = StoreProducts.Fauna;

    public string Kind => "Fauna";

    public string ProductName => Product;

    public IEnumerable<string> Validate(TenantDescriptor tenant) => FaunaSettings.Problems(tenant);

    public IDataStore Create(TenantDescriptor tenant) =>
        new FaunaDataStore(tenant, new FaunaClient(() => httpClients.CreateClient(FaunaClient.HttpClientName), FaunaSettings.From(tenant)));
}
