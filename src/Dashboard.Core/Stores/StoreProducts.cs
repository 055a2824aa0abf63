namespace Dashboard.Core.Stores;

/// <summary>
/// The products tenants live on, as pages, metrics and price sheets name them. Each provider names its own product
/// with one of these; code that must not reference a provider (costs, reports) uses them too.
/// </summary>
public static class StoreProducts
{
    public const string DynamoDb = "DynamoDB";
    public const string PlanetScale = "PlanetScale";
    public const string Fauna = "Fauna";
    public const string SqliteSandbox = "SQLite sandbox";
}
