namespace Dashboard.Providers.DynamoDb;

/// <summary>
/// Tenants on DynamoDB (<c>Provider: "DynamoDb"</c>). Settings: <c>ServiceUrl</c> (DynamoDB Local or an endpoint),
/// <c>TableName</c> (one table per tenant), optional <c>Region</c> (default us-east-1).
/// </summary>
public sealed class DynamoDbStoreProvider : IDataStoreProvider
{
    /// <summary>DynamoDB's name in pages, errors and metrics.</summary>
    public const string Product = StoreProducts.DynamoDb;

    public string Kind => "DynamoDb";

    public string ProductName => Product;

    public IEnumerable<string> Validate(TenantDescriptor tenant) => DynamoDbSettings.Problems(tenant);

    public IDataStore Create(TenantDescriptor tenant) => new DynamoDbDataStore(tenant, DynamoDbSettings.From(tenant));
}
