using Dashboard.Core.Compare;
using Dashboard.Core.Stores;
using Dashboard.Core.Usage;
using Dashboard.Operations.Compare;
using Dashboard.Operations.Costs;
using Dashboard.Operations.Load;
using Dashboard.Operations.Metering;
using Dashboard.Operations.Metering.Rolling;
using Dashboard.Services.Compare;
using Dashboard.Tests.Metering;

namespace Dashboard.Tests.Compare;

/// <summary>The comparison's arithmetic and choices: mixes, percentiles, prices per million calls, request checks, names, CSV rows.</summary>
public sealed class CompareLogicTests
{
    [Fact]
    public void The_realistic_mix_keeps_the_load_tools_shares()
    {
        var mix = LoadMix.Realistic;
        Assert.Equal(LoadAction.ListUsers, mix.Pick(0.0));
        Assert.Equal(LoadAction.ListUsers, mix.Pick(0.2499));
        Assert.Equal(LoadAction.SearchUsers, mix.Pick(0.26));
        Assert.Equal(LoadAction.GetUser, mix.Pick(0.33));
        Assert.Equal(LoadAction.FindUserByEmail, mix.Pick(0.51));
        Assert.Equal(LoadAction.ListOrders, mix.Pick(0.59));
        Assert.Equal(LoadAction.GetOrder, mix.Pick(0.79));
        Assert.Equal(LoadAction.SaveProfile, mix.Pick(0.91));
        Assert.Equal(LoadAction.CreateOrder, mix.Pick(0.96));
        Assert.Equal(LoadAction.AdvanceOrder, mix.Pick(0.9999));
    }

    [Theory]
    [InlineData(CompareWorkload.ReadHeavy, 0.9, 1.0)]
    [InlineData(CompareWorkload.WriteHeavy, 0.4, 0.6)]
    [InlineData(CompareWorkload.UserOrders, 0.85, 0.95)]
    public void Each_workload_has_the_read_share_it_is_named_for(CompareWorkload workload, double min, double max)
    {
        var mix = new CompareMixes(new RollingStore(TimeProvider.System, new ThrottleLog())).For(new CompareRequest(workload, 100, 10, TimeSpan.FromSeconds(5)));
        var reads = mix.Shares.Where(s => s.Action is not (LoadAction.SaveProfile or LoadAction.CreateUser or LoadAction.CreateOrder or LoadAction.AdvanceOrder))
            .Sum(s => s.Weight) / mix.TotalWeight;
        Assert.InRange(reads, min, max);
        Assert.Null(mix.Problem());
    }

    [Fact]
    public void A_tenants_recorded_mix_follows_its_metered_calls_and_leaves_the_apps_own_work_out()
    {
        var rolling = new RollingStore(TimeProvider.System, new ThrottleLog());
        for (var i = 0; i < 30; i++) rolling.Record(Calls.Finished(Calls.Series("acme", op: StoreOperation.GetUser), 2));
        for (var i = 0; i < 10; i++) rolling.Record(Calls.Finished(Calls.Series("acme", op: StoreOperation.InsertOrder), 3));
        for (var i = 0; i < 50; i++) rolling.Record(Calls.Finished(Calls.Series("acme", op: StoreOperation.BulkLoad), 3));
        rolling.Record(Calls.Finished(Calls.Series("globex", op: StoreOperation.ListUsers), 3));

        var mix = new CompareMixes(rolling).Recorded("acme");

        Assert.Equal([(LoadAction.GetUser, 30d), (LoadAction.CreateOrder, 10d)], mix.Shares.Select(s => (s.Action, s.Weight)));
        var refused = Assert.Throws<CompareRefusedException>(() => new CompareMixes(rolling).Recorded("initech"));
        Assert.Contains("no recorded calls", refused.Message);
    }

    [Fact]
    public void The_recorder_gives_nearest_rank_percentiles_per_operation_and_counts_throttles_and_units()
    {
        var recorder = new CompareRecorder();
        recorder.Record(Calls.Finished(Calls.Series(), 999)); // before Start: seeding, not counted
        recorder.Start();
        for (var ms = 1; ms <= 100; ms++)
            recorder.Record(Calls.Finished(Calls.Series(op: StoreOperation.GetUser), ms, units: [(UsageUnit.ReadCapacityUnits, 0.5)]));
        recorder.Record(Calls.Finished(Calls.Series(op: StoreOperation.InsertOrder), 7, StoreOutcome.Throttled, throttles: [("x", true), ("x", false)]));
        recorder.Stop();
        recorder.Record(Calls.Finished(Calls.Series(), 999));

        var get = recorder.Operations().Single(o => o.Operation == "get_user");
        Assert.Equal((100L, 50d, 95d, 99d), (get.Calls, get.P50Ms, get.P95Ms, get.P99Ms));
        Assert.Equal(101, recorder.Calls);
        Assert.Equal(1, recorder.Failed);
        Assert.Equal(2, recorder.Throttles);
        Assert.Equal(1, recorder.ThrottlesSurfaced);
        Assert.Equal(50, recorder.Units()[(int)UsageUnit.ReadCapacityUnits]);
        Assert.Equal(101, recorder.Overall().Calls);
        Assert.Equal(101, recorder.CallsPerSecond().Sum());
    }

    [Fact]
    public void DynamoDb_is_priced_per_million_calls_and_per_month_at_the_measured_rate()
    {
        var units = new double[UsageUnits.Count];
        units[(int)UsageUnit.ReadCapacityUnits] = 1000; // 1,000 calls of 1 RCU in 10 s
        var estimate = CompareCost.Of(new CostCalculator(new PricingOptions()), "DynamoDb", "DynamoDB", "acme", TimeSpan.FromSeconds(10), units,
            new double[UsageUnits.Count], 1000);

        Assert.Equal(0.125m, Math.Round(estimate.UsdPerMillionOps!.Value, 6));   // a million RRU: $0.125
        var callsPerMonth = 100m * 3600 * 730;
        Assert.Equal(Math.Round(0.125m * callsPerMonth / 1_000_000m, 4), Math.Round(estimate.UsdPerMonth!.Value, 4));
        Assert.StartsWith("storage not included", estimate.Note);
    }

    [Fact]
    public void An_unpriced_unit_makes_the_estimate_rate_not_set_and_the_sandbox_costs_nothing()
    {
        var units = new double[UsageUnits.Count];
        units[(int)UsageUnit.ReadOps] = 10;
        var fauna = CompareCost.Of(new CostCalculator(new PricingOptions()), "Fauna", "Fauna", "initech", TimeSpan.FromSeconds(10), units, new double[UsageUnits.Count], 10);
        Assert.Null(fauna.UsdPerMillionOps);
        Assert.Null(fauna.UsdPerMonth);
        Assert.Equal("rate not set: Read ops", fauna.Note);

        var cluster = CompareCost.Of(new CostCalculator(new PricingOptions()), "PlanetScale", "PlanetScale", "globex", TimeSpan.FromSeconds(10), units, new double[UsageUnits.Count], 10);
        Assert.Equal("rate not set: Cluster", cluster.Note);

        units[(int)UsageUnit.RowsRead] = 10;
        var sandbox = CompareCost.Of(new CostCalculator(new PricingOptions()), "Sqlite", "SQLite sandbox", "sandbox", TimeSpan.FromSeconds(10), units, new double[UsageUnits.Count], 10);
        Assert.Equal(0m, sandbox.UsdPerMillionOps);
    }

    [Theory]
    [InlineData(5, 10, 10, "the size must be")]
    [InlineData(100, 0, 10, "the rate must be")]
    [InlineData(100, 10, 0, "the duration must be")]
    [InlineData(100, 10, 601, "the duration must be")]
    public void A_wrong_request_says_what_is_wrong(int users, int rate, int seconds, string problem) =>
        Assert.StartsWith(problem, new CompareRequest(CompareWorkload.Realistic, users, rate, TimeSpan.FromSeconds(seconds)).Problem());

    [Fact]
    public void A_recorded_mix_needs_its_tenant() =>
        Assert.Equal("choose the tenant whose recorded mix to replay", new CompareRequest(CompareWorkload.TenantMix, 100, 10, TimeSpan.FromSeconds(5)).Problem());

    [Fact]
    public void Scratch_names_carry_the_prefix_and_only_letters_digits_and_underscores()
    {
        var name = ScratchNames.For("20261202AB12", "DynamoDb");
        Assert.Equal("cmpscratch_20261202ab12_dynamodb", name);
        Assert.True(ScratchNames.IsScratch(name));
        Assert.False(ScratchNames.IsScratch("dashboard-acme"));
    }

    [Fact]
    public void The_csv_has_a_total_row_then_a_row_per_operation_for_each_provider()
    {
        var row = new ProviderResult("DynamoDb", "DynamoDB", "acme", CompareStates.Completed, null, 10, 0, 1, 10,
            new OperationLatency("all", 10, 1, 2, 3), [new("get_user", 6, 1, 2, 3), new("list_users", 4, 2, 3, 4)], 0, 0,
            new Dictionary<string, double> { ["RCU"] = 500 }, 0.1m, 2m, "storage not included", 0.5);
        var run = new CompareResult("r1", "realistic", new Dictionary<string, double>(), 100, 400, 10, 1, "Olivia", DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch, CompareStates.Completed, null, [row, row with { Provider = "Fauna", ProviderKind = "Fauna" }]);

        var rows = CompareCsv.Rows(run);

        Assert.Equal(6, rows.Count);
        Assert.Equal([null, "get_user", "list_users", null, "get_user", "list_users"], rows.Select(r => r.Operation?.Operation));
        Assert.Equal("RCU=500", CompareCsv.Units(row.UnitsPer1000));
    }

    [Fact]
    public void The_articles_rows_cover_the_three_products_and_not_the_sandbox()
    {
        Assert.Equal("Per request units", ArticleComparison.For("DynamoDB")!.PricingModel);
        Assert.Equal("Compute + storage", ArticleComparison.For("PlanetScale")!.PricingModel);
        Assert.Equal("Per operation", ArticleComparison.For("Fauna")!.PricingModel);
        Assert.Null(ArticleComparison.For(StoreProducts.SqliteSandbox));
    }
}
