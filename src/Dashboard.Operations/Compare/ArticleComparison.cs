namespace Dashboard.Operations.Compare;

/// <summary>What the seed article ("Serverless Databases: PlanetScale, Fauna, and DynamoDB") says about one provider.</summary>
public sealed record ArticleRow(string Provider, string PricingModel, string Latency, string BestUse);

/// <summary>
/// The seed article's qualitative comparison, shown beside the measured rows and labelled as the article's:
/// pricing model and best use from its "Comparison with Alternatives" table, latency from its text (DynamoDB's
/// "single-digit millisecond performance", Fauna's case study "sub-50ms reads"; it gives none for PlanetScale).
/// </summary>
public static class ArticleComparison
{
    public const string Source = "Serverless Databases: PlanetScale, Fauna, and DynamoDB (the seed article)";

    public static IReadOnlyList<ArticleRow> Rows { get; } =
    [
        new("DynamoDB", "Per request units", "Single-digit millisecond at any scale", "High-throughput key-value"),
        new("PlanetScale", "Compute + storage", "Not stated", "MySQL migration, complex queries"),
        new("Fauna", "Per operation", "Sub-50 ms reads in all regions (case study)", "Global apps, flexible schema"),
    ];

    /// <summary>The article's row for a provider (by product name), or null: it says nothing about the SQLite sandbox.</summary>
    public static ArticleRow? For(string provider) => Rows.FirstOrDefault(r => string.Equals(r.Provider, provider, StringComparison.OrdinalIgnoreCase));
}
