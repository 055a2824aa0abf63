using Dashboard.Operations.Costs;

namespace Dashboard.Tests.StartupChecks;

public sealed class PricingOptionsValidatorTests
{
    private static readonly PricingOptionsValidator Validator = new();

    private static IEnumerable<string> Failures(PricingOptions options) =>
        Validator.Validate(null, options).Failures ?? [];

    [Fact]
    public void The_defaults_are_valid_including_the_unset_prices() => Assert.Empty(Failures(new PricingOptions()));

    [Fact]
    public void Zero_is_a_valid_price() =>
        Assert.Empty(Failures(new PricingOptions { DynamoDb = { Storage = { Usd = 0 }, FreeStorageGb = 0 }, Fauna = { ReadOps = { Usd = 0 } } }));

    public static TheoryData<string, Action<PricingOptions>, string> Wrong() => new()
    {
        { "a negative on-demand price", o => o.DynamoDb.WriteRequestUnits.Usd = -0.625m, "Pricing:DynamoDb:WriteRequestUnits:Usd must not be negative (it is -0.625)" },
        { "a negative free allowance", o => o.DynamoDb.FreeStorageGb = -1, "Pricing:DynamoDb:FreeStorageGb must not be negative (it is -1)" },
        { "an undefined capacity mode", o => o.DynamoDb.CapacityMode = (DynamoDbCapacityMode)7, "Pricing:DynamoDb:CapacityMode '7' is not known (OnDemand or Provisioned)" },
        { "a negative cluster price", o => o.PlanetScale.ClusterMonthlyUsd["globex"] = -39, "Pricing:PlanetScale:ClusterMonthlyUsd:globex must not be negative (it is -39)" },
        { "a negative included storage", o => o.PlanetScale.IncludedStorageGb = -10, "Pricing:PlanetScale:IncludedStorageGb must not be negative (it is -10)" },
        { "a negative legacy rate", o => o.PlanetScale.RowsRead.Usd = -1, "Pricing:PlanetScale:RowsRead:Usd must not be negative (it is -1)" },
        { "a negative Fauna price", o => o.Fauna.ComputeOps.Usd = -2.5m, "Pricing:Fauna:ComputeOps:Usd must not be negative (it is -2.5)" },
    };

    [Theory]
    [MemberData(nameof(Wrong))]
    public void Refuses(string what, Action<PricingOptions> change, string message)
    {
        var options = new PricingOptions();
        change(options);
        var failure = Assert.Single(Failures(options));
        Assert.True(failure == message + ".", $"{what}: {failure}");
    }
}
