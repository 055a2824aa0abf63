namespace Dashboard.Operations.Costs;

/// <summary>
/// <c>appsettings.json → Pricing</c>: the price sheet the cost page multiplies units by. Every default names
/// its source and date; configuration overrides any field. A price left without an amount is shown
/// as "rate not set" — the dashboard never invents one.
/// </summary>
public sealed class PricingOptions
{
    public const string Section = "Pricing";

    public DynamoDbPrices DynamoDb { get; set; } = new();
    public PlanetScalePrices PlanetScale { get; set; } = new();
    public FaunaPrices Fauna { get; set; } = new();
}

public enum DynamoDbCapacityMode
{
    OnDemand,
    Provisioned,
}

public sealed class DynamoDbPrices
{
    private const string OnDemandPage = "aws.amazon.com/dynamodb/pricing/on-demand, us-east-1 (price cut of 2024-11-01)";
    private const string ProvisionedPage = "aws.amazon.com/dynamodb/pricing/provisioned, us-east-1";

    /// <summary>Which mode the tables are billed in; the other is shown for comparison.</summary>
    public DynamoDbCapacityMode CapacityMode { get; set; } = DynamoDbCapacityMode.OnDemand;

    public Price WriteRequestUnits { get; set; } = Price.Of(0.625m, "million write request units", OnDemandPage, "2024-11-01");
    public Price ReadRequestUnits { get; set; } = Price.Of(0.125m, "million read request units", OnDemandPage, "2024-11-01");
    public Price ProvisionedWcuHour { get; set; } = Price.Of(0.00065m, "WCU-hour", ProvisionedPage, "2024-11-01");
    public Price ProvisionedRcuHour { get; set; } = Price.Of(0.00013m, "RCU-hour", ProvisionedPage, "2024-11-01");
    public Price Storage { get; set; } = Price.Of(0.25m, "GB-month", "aws.amazon.com/dynamodb/pricing, us-east-1, Standard table class", "2024-11-01");

    /// <summary>Storage free each month (per account and region; applied per tenant here, which over-states the saving).</summary>
    public decimal FreeStorageGb { get; set; } = 25;
}

public enum PlanetScaleBillingModel
{
    /// <summary>Today's plans: a monthly price per cluster size, plus storage over what is included.</summary>
    Cluster,
    /// <summary>The retired Scaler plan: rows read and rows written.</summary>
    RowsReadWritten,
}

public sealed class PlanetScalePrices
{
    public PlanetScaleBillingModel Model { get; set; } = PlanetScaleBillingModel.Cluster;

    /// <summary>Monthly price of each tenant's cluster, by tenant id (depends on the size chosen, so configured).</summary>
    public Dictionary<string, decimal> ClusterMonthlyUsd { get; set; } = new(StringComparer.Ordinal);

    public string ClusterSource { get; set; } = "planetscale.com/pricing (price of the cluster size each tenant runs)";

    public Price Storage { get; set; } = Price.Of(1.50m, "GB-month over the included storage", "planetscale.com/pricing", "2025");

    public decimal IncludedStorageGb { get; set; } = 10;

    /// <summary>Legacy row-based plan; its overage rates are not on a page we can check, so unset by default.</summary>
    public Price RowsRead { get; set; } = Price.Of(null, "billion rows read", "legacy Scaler plan (retired); set from your contract", "");

    public Price RowsWritten { get; set; } = Price.Of(null, "million rows written", "legacy Scaler plan (retired); set from your contract", "");
}

public sealed class FaunaPrices
{
    private const string Unpublished = "not published anywhere we can reach (Fauna's hosted service closed in May 2025); set from your contract";

    public Price ReadOps { get; set; } = Price.Of(null, "million read ops", Unpublished, "");
    public Price WriteOps { get; set; } = Price.Of(null, "million write ops", Unpublished, "");
    public Price ComputeOps { get; set; } = Price.Of(null, "million compute ops", Unpublished, "");
    public Price Storage { get; set; } = Price.Of(null, "GB-month", Unpublished, "");
}
