using Dashboard.Core.Domain;
using System.Diagnostics;
using Dashboard.Core.Demo;
using Dashboard.Operations.Load;

namespace Dashboard.Operations.Compare;

/// <summary>
/// Runs one comparison: a scratch tenant per lane (recorded first), the same deterministic demo data loaded by
/// each provider's bulk path, then the same workload at the same rate on every lane at once, through the service
/// layer (<see cref="TenantStore"/> over the store with the host's decorators, metered into the lane's recorder).
/// Every scratch tenant is torn down at the end, whether the run finished, failed or was cancelled.
/// </summary>
public sealed class CompareRunner(ScratchTenants scratch, IEnumerable<IDataStoreDecorator> decorators, IOptionsMonitor<PricingOptions> pricing, TimeProvider clock,
    ILogger<CompareRunner> log)
{
    private readonly IDataStoreDecorator[] _decorators = decorators.Where(d => d is not MeteringDecorator).ToArray();

    public async Task<IReadOnlyList<ProviderResult>> RunAsync(string runId, CompareRequest request, LoadMix mix, DemoData data, IReadOnlyList<CompareLane> lanes,
        Action<string>? phase, CancellationToken ct)
    {
        try
        {
            phase?.Invoke("creating scratch tenants and loading the same data into each");
            await Task.WhenAll(lanes.Select(l => PrepareAsync(l, runId, data, ct)));
            ct.ThrowIfCancellationRequested();
            phase?.Invoke($"running the workload at {request.RatePerSecond} calls/s for {request.Duration.TotalSeconds:0} s");
            await Task.WhenAll(lanes.Where(l => l.Phase == LanePhase.Ready).Select(l => LoadAsync(l, request, mix, ct)));
            ct.ThrowIfCancellationRequested();
        }
        finally
        {
            phase?.Invoke("removing the scratch tenants");
            await Task.WhenAll(lanes.Select(TearDownAsync));
        }
        return lanes.Select(l => Result(l, request)).ToList();
    }

    private async Task PrepareAsync(CompareLane lane, string runId, DemoData data, CancellationToken ct)
    {
        try
        {
            lane.Phase = LanePhase.Creating;
            lane.Scratch = await scratch.CreateAsync(lane.Basis, runId, ct);
            var problems = lane.Provider.Validate(lane.Scratch).ToList();
            if (problems.Count > 0) throw new InvalidOperationException(string.Join("; ", problems));
            IDataStore store = lane.Provider.Create(lane.Scratch);
            foreach (var decorator in _decorators) store = decorator.Decorate(lane.Scratch, lane.Product, store);
            lane.Store = store;
            lane.Metered = new MeteredDataStore(store, lane.Scratch.Id, lane.Product, [lane.Recorder]);
            await store.EnsureSchemaAsync(ct);
            lane.Phase = LanePhase.Seeding;
            var seeding = Stopwatch.StartNew();
            await store.BulkLoadAsync(data.Users, data.Orders, ct);
            lane.SeedSeconds = seeding.Elapsed.TotalSeconds;
            lane.Phase = LanePhase.Ready;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Comparison {Run}: preparing {Provider} failed", runId, lane.Product);
            lane.Fail($"preparing the scratch tenant failed: {e.Message}");
        }
    }

    private async Task LoadAsync(CompareLane lane, CompareRequest request, LoadMix mix, CancellationToken ct)
    {
        try
        {
            lane.Phase = LanePhase.Running;
            var service = new TenantStore(lane.Scratch!, lane.Metered!, clock, UlidGenerator.Shared);
            var generator = new LoadGenerator(service, clock, mix);
            var plan = new LoadPlan(lane.Scratch!.Id, request.RatePerSecond, request.Duration)
            {
                Sampling = SamplingPatience.Default with { ThrottledFor = TimeSpan.FromSeconds(10) },
            };
            lane.Recorder.Start();
            var summary = await generator.RunAsync(plan, ct);
            lane.Recorder.Stop();
            lane.LoadElapsed = summary.Elapsed;
            lane.Phase = LanePhase.Done;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            lane.Recorder.Stop();
            lane.Fail($"the workload could not run: {e.Message}");
        }
    }

    private async Task TearDownAsync(CompareLane lane)
    {
        if (lane.Scratch is null) return;
        var failed = lane.Phase == LanePhase.Failed;
        lane.Phase = LanePhase.TearingDown;
        for (IDataStore? s = lane.Store; s is not null; s = (s as IDataStoreWrapper)?.Inner)
        {
            if (s is IAsyncDisposable a) await a.DisposeAsync();
            else (s as IDisposable)?.Dispose();
        }
        foreach (var decorator in _decorators) decorator.Release(lane.Scratch.Id);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var dropped = await scratch.DropAsync(lane.ProviderKind, lane.Basis.Id, lane.Scratch.Id, patience.Token);
        if (!dropped) lane.Error ??= "its scratch space could not be removed now; it stays recorded and the next start removes it";
        lane.Phase = failed ? LanePhase.Failed : LanePhase.Done;
    }

    private ProviderResult Result(CompareLane lane, CompareRequest request)
    {
        var r = lane.Recorder;
        var elapsed = lane.LoadElapsed > TimeSpan.Zero ? lane.LoadElapsed : request.Duration;
        var units = r.Units();
        var per1000 = UsageUnits.All.Where(u => units[(int)u] > 0 && r.Calls > 0)
            .ToDictionary(u => UsageUnits.Label(u), u => Math.Round(units[(int)u] / r.Calls * 1000, 2));
        var cost = r.Calls > 0
            ? CompareCost.Of(new CostCalculator(pricing.CurrentValue), lane.ProviderKind, lane.Product, lane.Basis.Id, elapsed, units, r.PeakUnitsPerSecond(), r.Calls)
            : new CompareCost.Estimate(null, null, "no calls measured");
        var state = lane.Error is null ? CompareStates.Completed : CompareStates.Failed;
        return new ProviderResult(lane.ProviderKind, lane.Product, lane.Basis.Id, state, lane.Error, r.Calls, r.Failed, elapsed.TotalSeconds,
            r.Calls / Math.Max(elapsed.TotalSeconds, 0.001), r.Overall(), r.Operations(), r.Throttles, r.ThrottlesSurfaced, per1000,
            cost.UsdPerMillionOps, cost.UsdPerMonth, cost.Note, Math.Round(lane.SeedSeconds, 2));
    }
}
