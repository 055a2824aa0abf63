using Dashboard.Core.Alerts;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Operations.Compare;

/// <summary>
/// At start, removes the scratch spaces a crashed comparison left behind, in the background (a backend that is
/// down must not hold up the app). It takes the fleet's comparison lease first, so a run going on in another
/// instance keeps its scratch tenants; that run removes them itself, and the next run sweeps before it starts.
/// </summary>
public sealed class ScratchSweepService(ScratchTenants scratch, IFleetLease lease, TimeProvider clock, ILogger<ScratchSweepService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await SweepOnceAsync(stoppingToken);
    }

    /// <returns>How many spaces were removed, or null when another instance's run holds the lease.</returns>
    public async Task<int?> SweepOnceAsync(CancellationToken ct)
    {
        var holder = $"sweep:{Environment.MachineName}/{Environment.ProcessId}";
        try
        {
            if (!await lease.TryAcquireAsync(CompareService.LeaseName, holder, clock.GetUtcNow(), CompareService.LeaseDuration, ct)) return null;
            try
            {
                return await scratch.SweepAsync(ct);
            }
            finally
            {
                await lease.ReleaseAsync(CompareService.LeaseName, holder, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning(e, "The sweep of comparison scratch spaces did not finish; the next start or run tries again");
            return 0;
        }
    }
}
