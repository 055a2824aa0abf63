using Dashboard.Operations.Costs;
using Dashboard.Core.Usage;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Tests.Costs;

public sealed class CostCalculatorTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static CostInput Input(string kind, TimeSpan window, IEnumerable<(UsageUnit, double)>? units = null,
        IEnumerable<(UsageUnit, double)>? peaks = null, long? storageBytes = null, string tenant = "t1")
    {
        var u = new double[UsageUnits.Count];
        foreach (var (unit, amount) in units ?? []) u[(int)unit] = amount;
        var p = new double[UsageUnits.Count];
        foreach (var (unit, amount) in peaks ?? []) p[(int)unit] = amount;
        return new CostInput(tenant, kind, kind, window, u, p, storageBytes);
    }

    private static CostLine Line(TenantCost cost, string item) => cost.Lines.Single(l => l.Item == item);

    [Fact]
    public void DynamoDb_on_demand_is_units_times_the_price_per_million()
    {
        var cost = new CostCalculator(new PricingOptions()).Estimate(Input("DynamoDb", Hour,
            [(UsageUnit.WriteCapacityUnits, 2_000_000), (UsageUnit.ReadCapacityUnits, 4_000_000)]));

        Assert.Equal(1.25m, Line(cost, "Write request units").WindowUsd);   // 2 M × $0.625
        Assert.Equal(0.50m, Line(cost, "Read request units").WindowUsd);    // 4 M × $0.125
        Assert.Equal(1.75m, cost.WindowUsd);
        Assert.Equal(1.75m * 730, cost.MonthUsd);                           // the hour's rate over 730 h
    }

    [Fact]
    public void A_transactional_5_KB_write_costs_twice_a_plain_one()
    {
        var calc = new CostCalculator(new PricingOptions());
        var plain = calc.Estimate(Input("DynamoDb", Hour, [(UsageUnit.WriteCapacityUnits, DynamoDbCapacity.WriteUnits(5 * 1024))]));
        var transactional = calc.Estimate(Input("DynamoDb", Hour, [(UsageUnit.WriteCapacityUnits, DynamoDbCapacity.WriteUnits(5 * 1024, transactional: true))]));

        Assert.Equal(5 * 0.625m / 1_000_000, plain.WindowUsd);
        Assert.Equal(2 * plain.WindowUsd, transactional.WindowUsd);
    }

    [Fact]
    public void DynamoDb_provisioned_at_the_peak_is_a_comparison_until_the_mode_is_provisioned()
    {
        var input = Input("DynamoDb", Hour, [(UsageUnit.ReadCapacityUnits, 1000)],
            peaks: [(UsageUnit.ReadCapacityUnits, 9.5), (UsageUnit.WriteCapacityUnits, 2)]);
        var onDemand = new CostCalculator(new PricingOptions()).Estimate(input);
        var provisioned = Line(onDemand, "Provisioned capacity");

        // ceil(9.5) = 10 RCU × $0.00013 + 2 WCU × $0.00065 = $0.0026 per hour
        Assert.Equal(0.0026m, provisioned.WindowUsd);
        Assert.Equal(0.0026m * 730, provisioned.MonthUsd);
        Assert.False(provisioned.InTotal);
        Assert.Equal(1000 * 0.125m / 1_000_000, onDemand.WindowUsd);

        var asProvisioned = new CostCalculator(new PricingOptions { DynamoDb = { CapacityMode = DynamoDbCapacityMode.Provisioned } }).Estimate(input);
        Assert.Equal(0.0026m, asProvisioned.WindowUsd);
    }

    [Fact]
    public void DynamoDb_storage_is_billed_over_the_free_25_GB()
    {
        var gb = 1024L * 1024 * 1024;
        var cost = new CostCalculator(new PricingOptions()).Estimate(Input("DynamoDb", Hour, storageBytes: 35 * gb));

        Assert.Equal(2.50m, Line(cost, "Storage").MonthUsd);   // (35 − 25) GB × $0.25
        Assert.Equal(2.50m / 730, Line(cost, "Storage").WindowUsd);
    }

    [Fact]
    public void PlanetScale_cluster_price_is_spread_over_the_window_and_storage_counts_over_10_GB()
    {
        var gb = 1024L * 1024 * 1024;
        var prices = new PricingOptions();
        prices.PlanetScale.ClusterMonthlyUsd["globex"] = 73m;
        var cost = new CostCalculator(prices).Estimate(Input("PlanetScale", Hour, [(UsageUnit.RowsRead, 5000)], storageBytes: 12 * gb, tenant: "globex"));

        Assert.Equal(0.1m, Line(cost, "Cluster").WindowUsd);   // $73 / 730 h
        Assert.Equal(0m, Line(cost, "Rows read").WindowUsd);
        Assert.Equal(3.00m, Line(cost, "Storage").MonthUsd);   // (12 − 10) GB × $1.50
        Assert.Equal(76m, cost.MonthUsd);
    }

    [Fact]
    public void PlanetScale_legacy_rows_model_prices_rows_once_rates_are_set()
    {
        var prices = new PricingOptions { PlanetScale = { Model = PlanetScaleBillingModel.RowsReadWritten } };
        var input = Input("PlanetScale", Hour, [(UsageUnit.RowsRead, 2_000_000_000), (UsageUnit.RowsWritten, 3_000_000)]);

        var unset = new CostCalculator(prices).Estimate(input);
        Assert.Equal(CostCalculator.RateNotSet, Line(unset, "Rows read").Note);
        Assert.True(unset.HasUnpriced);

        prices.PlanetScale.RowsRead.Usd = 1m;         // per billion
        prices.PlanetScale.RowsWritten.Usd = 1.5m;    // per million
        var set = new CostCalculator(prices).Estimate(input);
        Assert.Equal(2m, Line(set, "Rows read").WindowUsd);
        Assert.Equal(4.5m, Line(set, "Rows written").WindowUsd);
        Assert.False(set.HasUnpriced);
    }

    [Fact]
    public void Fauna_ops_without_rates_show_rate_not_set_and_no_invented_price()
    {
        var cost = new CostCalculator(new PricingOptions()).Estimate(Input("Fauna", Hour,
            [(UsageUnit.ReadOps, 12), (UsageUnit.WriteOps, 3), (UsageUnit.ComputeOps, 40)]));

        foreach (var item in new[] { "Read ops", "Write ops", "Compute ops" })
        {
            Assert.Null(Line(cost, item).WindowUsd);
            Assert.Equal(CostCalculator.RateNotSet, Line(cost, item).Note);
        }
        Assert.Equal(12, Line(cost, "Read ops").Quantity);
        Assert.Equal(0m, cost.WindowUsd);
        Assert.True(cost.HasUnpriced);
    }

    [Fact]
    public void The_sheet_binds_from_configuration_and_keeps_the_other_defaults()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pricing:Fauna:ReadOps:Usd"] = "0.45",
            ["Pricing:DynamoDb:CapacityMode"] = "Provisioned",
            ["Pricing:PlanetScale:ClusterMonthlyUsd:globex"] = "39",
        }).Build();
        var prices = new PricingOptions();
        config.GetSection(PricingOptions.Section).Bind(prices);

        Assert.Equal(0.45m, prices.Fauna.ReadOps.Usd);
        Assert.Null(prices.Fauna.WriteOps.Usd);
        Assert.Equal(DynamoDbCapacityMode.Provisioned, prices.DynamoDb.CapacityMode);
        Assert.Equal(0.625m, prices.DynamoDb.WriteRequestUnits.Usd);
        Assert.Equal("2024-11-01", prices.DynamoDb.WriteRequestUnits.AsOf);
        Assert.Equal(39m, prices.PlanetScale.ClusterMonthlyUsd["globex"]);
        Assert.All(CostQuery.Sheet(prices), row => Assert.False(string.IsNullOrWhiteSpace(row.Source)));
    }
}
