using Dashboard.Core.Access;
using Dashboard.Core.Compare;
using Dashboard.Core.Demo;
using Dashboard.Operations.Compare;
using Dashboard.Providers.Tests.Migrations;

namespace Dashboard.Providers.Tests.Compare;

/// <summary>
/// Comparisons over the real backends: a short run gives a row per provider with measured figures and leaves no
/// scratch data; a cancelled run removes its scratch data; the start-up sweep removes what a crash left.
/// </summary>
[Collection(MigrationCollection.Name)]
public sealed class CompareContractTests(AllBackendsFixture backends)
{
    private static readonly Person Ops = new("ops@example.com", "Olivia Ops", Role.Ops, new HashSet<string>());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_short_comparison_has_a_row_per_provider_and_leaves_no_scratch_data()
    {
        await using var rig = await CompareRig.StartAsync(backends, Ct);
        var job = await rig.Service.StartAsync(new CompareRequest(CompareWorkload.Realistic, 20, 20, TimeSpan.FromSeconds(2)), Ops, Ct);
        var result = await job.Completion.WaitAsync(TimeSpan.FromMinutes(2), Ct);

        Assert.NotNull(result);
        Assert.Equal(CompareStates.Completed, result.State);
        Assert.Equal(["DynamoDb", "Fauna", "PlanetScale", "Sqlite"], result.Providers.Select(p => p.ProviderKind).Order());
        foreach (var row in result.Providers)
        {
            Assert.True(row.Error is null, $"{row.Provider}: {row.Error}");
            Assert.True(row.Calls >= 20, $"{row.Provider} made {row.Calls} calls");
            Assert.True(row.OpsPerSecond > 5, $"{row.Provider} achieved {row.OpsPerSecond} ops/s");
            Assert.Contains(row.Operations, o => o.Operation == "list_users" && o.P99Ms >= o.P50Ms && o.P50Ms > 0);
        }
        Assert.True(result.Providers.Single(p => p.ProviderKind == "DynamoDb").UnitsPer1000["RCU"] > 0);
        Assert.True(result.Providers.Single(p => p.ProviderKind == "Fauna").UnitsPer1000["read ops"] > 0);
        Assert.NotNull(result.Providers.Single(p => p.ProviderKind == "DynamoDb").UsdPerMillionOps);
        Assert.Null(result.Providers.Single(p => p.ProviderKind == "Fauna").UsdPerMillionOps);
        Assert.StartsWith("rate not set", result.Providers.Single(p => p.ProviderKind == "Fauna").CostNote);
        Assert.Equal(DemoDataGenerator.Generate(20).Orders.Count, result.Orders);

        var kept = await rig.Runs.GetAsync(result.Id, Ct);
        Assert.NotNull(kept);
        Assert.Equal(CompareStates.Completed, kept.State);
        Assert.Empty(await rig.LeftoversAsync(Ct));
    }

    [Fact]
    public async Task A_cancelled_comparison_removes_its_scratch_data()
    {
        await using var rig = await CompareRig.StartAsync(backends, Ct);
        var job = await rig.Service.StartAsync(new CompareRequest(CompareWorkload.WriteHeavy, 20, 10, TimeSpan.FromSeconds(60)), Ops, Ct);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!job.Lanes.Any(l => l.Recorder.Calls > 0) && DateTime.UtcNow < deadline) await Task.Delay(100, Ct);
        Assert.NotEmpty(await rig.Scratch.ListAsync(Ct));

        rig.Service.Cancel();
        var result = await job.Completion.WaitAsync(TimeSpan.FromMinutes(1), Ct);

        Assert.Equal(CompareStates.Cancelled, result!.State);
        Assert.Empty(await rig.LeftoversAsync(Ct));
        Assert.False(rig.Service.Running);
    }

    [Fact]
    public async Task The_sweep_removes_scratch_spaces_a_crash_left_recorded_or_not()
    {
        await using var rig = await CompareRig.StartAsync(backends, Ct);
        // A crashed run: each space recorded and created, with data in it; and one space per provider that only its prefix names.
        foreach (var basis in rig.Scratch.Bases())
        {
            var recorded = await rig.Scratch.CreateAsync(basis, "crashed1", Ct);
            await FillAsync(rig, basis, recorded.Settings);
            var unrecorded = await rig.Spaces.Single(s => s.Kind == basis.ProviderKind).CreateAsync(basis, ScratchNames.For("unrecorded", basis.ProviderKind), Ct);
            await FillAsync(rig, basis, unrecorded);
        }
        Assert.Equal(8, (await rig.Scratch.ListAsync(Ct)).Count);
        Assert.Equal(4, (await rig.Ledger.ListAsync(Ct)).Count);

        var removed = await rig.Sweeper.SweepOnceAsync(Ct);

        Assert.Equal(8, removed);
        Assert.Empty(await rig.LeftoversAsync(Ct));
    }

    [Fact]
    public async Task A_comparison_is_refused_while_another_instance_holds_the_lease()
    {
        await using var rig = await CompareRig.StartAsync(backends, Ct);
        Assert.True(await rig.Lease.TryAcquireAsync(CompareService.LeaseName, "other-instance", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), Ct));
        try
        {
            var refused = await Assert.ThrowsAsync<CompareRefusedException>(() =>
                rig.Service.StartAsync(new CompareRequest(CompareWorkload.ReadHeavy, 20, 10, TimeSpan.FromSeconds(2)), Ops, Ct));
            Assert.Contains("another instance", refused.Message);
            Assert.Null(rig.Service.Current);
            Assert.Null(await rig.Sweeper.SweepOnceAsync(Ct));
        }
        finally
        {
            await rig.Lease.ReleaseAsync(CompareService.LeaseName, "other-instance", Ct);
        }
    }

    /// <summary>Schema and a little data in a scratch space, as a run would have left it.</summary>
    private static async Task FillAsync(CompareRig rig, Core.Tenants.TenantDescriptor basis, IReadOnlyDictionary<string, string?> settings)
    {
        var tenant = new Core.Tenants.TenantDescriptor("crash", "crash", basis.ProviderKind, settings);
        var store = rig.Registry.ProviderOf(basis).Create(tenant);
        await store.EnsureSchemaAsync(Ct);
        var data = DemoDataGenerator.Generate(10);
        await store.BulkLoadAsync(data.Users, data.Orders, Ct);
        if (store is IAsyncDisposable a) await a.DisposeAsync();
        else (store as IDisposable)?.Dispose();
    }
}
