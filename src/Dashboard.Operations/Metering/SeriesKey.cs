namespace Dashboard.Operations.Metering;

/// <summary>
/// One metered series: a tenant's operation on its provider. Made once per tenant and operation when the
/// tenant's store is built, so the hot path looks nothing up and formats nothing.
/// </summary>
public sealed class SeriesKey(string tenant, string provider, StoreOperation operation)
{
    public string Tenant { get; } = tenant;

    /// <summary>The provider's product name ("DynamoDB", "PlanetScale", "SQLite sandbox", "Fauna").</summary>
    public string Provider { get; } = provider;

    public StoreOperation Operation { get; } = operation;
    public string OperationName { get; } = StoreOperations.Name(operation);

    /// <summary>The OpenTelemetry <c>db.system.name</c> for the provider.</summary>
    public string DbSystem { get; } = DbSystemName(provider);

    public override string ToString() => $"{Provider}/{Tenant}/{OperationName}";

    public static string DbSystemName(string provider)
    {
        bool Has(string s) => provider.Contains(s, StringComparison.OrdinalIgnoreCase);
        if (Has("Dynamo")) return "aws.dynamodb";
        if (Has("PlanetScale") || Has("MySQL") || Has("MariaDB")) return "mysql";
        if (Has("SQLite")) return "sqlite";
        if (Has("Fauna")) return "fauna";
        return "other";
    }
}
