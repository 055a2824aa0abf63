using System.Text.Json;
using Dashboard.Core.Access;
using Dashboard.Core.Alerts;
using Dashboard.Core.Compare;

namespace Dashboard.Operations.Compare;

/// <summary>
/// Starts, watches and cancels comparisons, and keeps their results in the app store. One at a time per instance,
/// and one at a time in the fleet: a run holds the fleet lease <see cref="LeaseName"/> from start to end (renewed
/// while it runs), and sweeps leftover scratch spaces under it before creating its own.
/// </summary>
public sealed class CompareService(ScratchTenants scratch, CompareRunner runner, CompareMixes mixes, ICompareRuns runs, IFleetLease lease,
    TenantRegistry registry, TimeProvider clock, ILogger<CompareService> log)
{
    public const string LeaseName = "compare";
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly Lock _gate = new();
    private CompareJob? _current;

    /// <summary>The running comparison, or the last one this instance ran (its result shown until the next).</summary>
    public CompareJob? Current => _current;

    public bool Running => _current is { Finished: false };

    /// <summary>The provider kinds a run would compare now, each beside its basis tenant.</summary>
    public IReadOnlyList<TenantDescriptor> Bases => scratch.Bases();

    /// <exception cref="CompareRefusedException">A run is going on here or elsewhere in the fleet, or the request is wrong.</exception>
    public async Task<CompareJob> StartAsync(CompareRequest request, Person actor, CancellationToken ct)
    {
        if (!actor.IsOps) throw new CompareRefusedException("only Ops may run a comparison");
        if (request.Problem() is { } problem) throw new CompareRefusedException(problem);
        var mix = mixes.For(request);
        var lanes = scratch.Bases().Select(b => new CompareLane(b, registry.ProviderOf(b))).ToList();
        if (lanes.Count == 0) throw new CompareRefusedException("no configured tenant's provider can hold a scratch tenant");
        var id = $"{clock.GetUtcNow():yyyyMMddHHmmss}{Random.Shared.Next(0x1000, 0xffff):x4}";
        var job = new CompareJob(id, request, mix, actor.Name, clock.GetUtcNow(), lanes);
        CompareJob? previous;
        lock (_gate)
        {
            if (Running) throw new CompareRefusedException($"a comparison is running on this instance (started by {_current!.StartedBy}); wait for it or cancel it");
            previous = _current;
            _current = job;
        }
        var acquiredAt = clock.GetUtcNow();
        try
        {
            if (!await lease.TryAcquireAsync(LeaseName, id, acquiredAt, LeaseDuration, ct))
                throw new CompareRefusedException("another instance is running a comparison; try again when it has finished");
        }
        catch
        {
            job.Finish(null);
            lock (_gate) _current = previous;
            throw;
        }
        job.Task = Task.Run(() => RunAsync(job, acquiredAt));
        return job;
    }

    public void Cancel() => _current?.Cancel();

    private async Task RunAsync(CompareJob job, DateTimeOffset acquiredAt)
    {
        // Renewed while the run lasts; once it is lost another instance's sweep may drop our scratch spaces, so the run stops.
        var keeper = FleetLeaseKeeper.Start(lease, LeaseName, job.Id, LeaseDuration, acquiredAt, clock, log);
        using var stopOnLoss = keeper.Lost.Register(job.Cancel);
        IReadOnlyList<ProviderResult> rows = [];
        string state = CompareStates.Completed;
        string? message = null;
        try
        {
            job.Phase = "removing scratch spaces left by earlier runs";
            await scratch.SweepAsync(job.Token);
            rows = await runner.RunAsync(job.Id, job.Request, job.Mix, job.Data, job.Lanes, p => job.Phase = p, job.Token);
            if (rows.All(r => r.State == CompareStates.Failed)) (state, message) = (CompareStates.Failed, "no provider could run the workload");
        }
        catch (OperationCanceledException) when (job.Token.IsCancellationRequested)
        {
            if (keeper.Loss is { } loss)
                log.LogWarning("Comparison {Run} stopped: this instance lost the fleet's comparison lease: {Reason}", job.Id, loss.Reason);
            (state, message) = (CompareStates.Cancelled, keeper.Loss is { } lost
                ? $"stopped: this instance lost the fleet's comparison lease ({lost.Reason})"
                : "cancelled; the scratch tenants were removed");
        }
        catch (Exception e)
        {
            log.LogError(e, "Comparison {Run} failed", job.Id);
            (state, message) = (CompareStates.Failed, e.Message);
        }
        finally
        {
            await keeper.ReleaseAsync(CancellationToken.None);
        }
        var result = new CompareResult(job.Id, job.Mix.Name, job.Mix.Shares.ToDictionary(s => s.Action.ToString(), s => s.Weight / job.Mix.TotalWeight),
            job.Request.Users, job.SeededOrders, job.Request.RatePerSecond, job.Request.Duration.TotalSeconds, job.StartedBy, job.StartedAt,
            clock.GetUtcNow(), state, message, rows);
        try
        {
            await runs.SaveAsync(new StoredCompareRun(result.Id, result.StartedAt, result.FinishedAt, result.StartedBy, result.State, result.Summary,
                JsonSerializer.Serialize(result, Json)), CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogError(e, "Comparison {Run} could not be kept in the app store", job.Id);
            message = $"{message} (not kept: the app store refused it)".Trim();
            result = result with { Message = message };
        }
        job.Finish(result);
    }

    public async Task<IReadOnlyList<StoredCompareRun>> ListAsync(CancellationToken ct) => await runs.ListAsync(50, ct);

    public async Task<CompareResult?> GetAsync(string id, CancellationToken ct) =>
        await runs.GetAsync(id, ct) is { } stored ? JsonSerializer.Deserialize<CompareResult>(stored.Json, Json) : null;
}
