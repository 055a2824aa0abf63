using Dashboard.Core.Alerts;

namespace Dashboard.Operations.Alerts;

/// <summary>
/// Which instance evaluates alerts: the one holding the fleet lease <see cref="AlertEngine.LeaseName"/>. Once taken,
/// the lease is kept renewed in the background between rounds; when it is lost (another instance has it, or the
/// app store could not renew it before it would lapse) this instance stops evaluating and tries to take it again at
/// its next round. Rounds run one at a time (the evaluation loop, or a test calling them in turn).
/// </summary>
internal sealed class AlertLeadership(IFleetLease lease, string holder, TimeProvider clock, ILogger log) : IAsyncDisposable, IDisposable
{
    private FleetLeaseKeeper? _kept;

    /// <summary>The kept lease while this instance leads (taking it if free), or null while another instance does.</summary>
    public async Task<FleetLeaseKeeper?> LeadAsync(TimeSpan duration, CancellationToken ct)
    {
        if (_kept is { } kept)
        {
            if (kept.Holds && kept.Duration == duration) return kept;
            // A renewal still being retried this close to the lapse: not surely the leader, so no round now.
            if (kept.Loss is null && kept.Duration == duration) return null;
            if (kept.Loss is { } loss)
                log.LogWarning("This instance stopped evaluating alerts: it lost the evaluation lease ({Reason}); it tries to take it again each round", loss.Reason);
            await StepDownAsync();
        }
        var at = clock.GetUtcNow();
        if (!await lease.TryAcquireAsync(AlertEngine.LeaseName, holder, at, duration, ct)) return null;
        log.LogInformation("This instance evaluates alerts now: it took the evaluation lease for {Seconds:0} s, renewed at a third of that", duration.TotalSeconds);
        return _kept = FleetLeaseKeeper.Start(lease, AlertEngine.LeaseName, holder, duration, at, clock, log);
    }

    /// <summary>Stops renewing; the lease lapses unless this instance takes it again (so does a changed lease length).</summary>
    public async Task StepDownAsync()
    {
        if (_kept is not { } kept) return;
        _kept = null;
        await kept.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StepDownAsync();

    public void Dispose()
    {
        _kept?.Dispose();
        _kept = null;
    }
}
