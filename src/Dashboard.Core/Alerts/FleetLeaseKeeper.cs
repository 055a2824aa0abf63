namespace Dashboard.Core.Alerts;

/// <summary>
/// Keeps a fleet lease its owner has just taken: renews it at a third of its length until stopped. A refused
/// renewal (another holder has it) is a loss at once. A renewal that fails (the app store unreachable) is retried
/// with a short backoff, and is a loss only when no renewal succeeded by shortly before the lease would lapse —
/// so the owner stops before another instance may take the lease, never carries on without it. A loss cancels
/// <see cref="Lost"/> and is described by <see cref="Loss"/>.
/// </summary>
public sealed class FleetLeaseKeeper : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);

    private readonly IFleetLease _lease;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;
    private long _heldUntilUtcTicks;

    private FleetLeaseKeeper(IFleetLease lease, string name, string holder, TimeSpan duration, DateTimeOffset acquiredAt, TimeProvider clock, ILogger log)
    {
        _lease = lease;
        _clock = clock;
        _log = log;
        Name = name;
        Holder = holder;
        Duration = duration;
        _heldUntilUtcTicks = (acquiredAt + duration).UtcTicks;
        _renewing = Task.Run(RenewAsync);
    }

    /// <summary>Starts keeping a lease <paramref name="holder"/> took at <paramref name="acquiredAt"/> for <paramref name="duration"/>.</summary>
    public static FleetLeaseKeeper Start(IFleetLease lease, string name, string holder, TimeSpan duration, DateTimeOffset acquiredAt, TimeProvider clock, ILogger log)
    {
        if (duration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), duration, "a lease must last longer than zero");
        return new FleetLeaseKeeper(lease, name, holder, duration, acquiredAt, clock, log);
    }

    public string Name { get; }
    public string Holder { get; }
    public TimeSpan Duration { get; }

    /// <summary>How long before the lease lapses the owner is told it is lost, so it stops while the lease is still its own.</summary>
    public TimeSpan Margin => Duration / 10;

    /// <summary>When the lease lapses unless renewed again (from the last successful renewal).</summary>
    public DateTimeOffset HeldUntil => new(Volatile.Read(ref _heldUntilUtcTicks), TimeSpan.Zero);

    /// <summary>Cancelled once the lease is lost; the owner's work links to it.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Why the lease was lost; null while it is held (or was given up by the owner).</summary>
    public LeaseLoss? Loss { get; private set; }

    /// <summary>True while the lease is this keeper's for at least <see cref="Margin"/> more.</summary>
    public bool Holds => Loss is null && _clock.GetUtcNow() < HeldUntil - Margin;

    private async Task RenewAsync()
    {
        var stop = _stop.Token;
        try
        {
            while (true)
            {
                await Task.Delay(Duration / 3, _clock, stop);
                if (await RenewBeforeLapseAsync(stop) is { } loss)
                {
                    Loss = loss;
                    _log.LogWarning(loss.Error, "Lost the fleet lease {Lease} held by {Holder}: {Reason}", Name, Holder, loss.Reason);
                    await _lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>One renewal, retried while it fails and the lease has time left; null when renewed.</summary>
    private async Task<LeaseLoss?> RenewBeforeLapseAsync(CancellationToken stop)
    {
        var deadline = HeldUntil - Margin;
        var backoff = FirstBackoff;
        Exception? last = null;
        for (var attempt = 1; ; attempt++)
        {
            var now = _clock.GetUtcNow();
            var left = deadline - now;
            if (left <= TimeSpan.Zero)
                return new LeaseLoss(LeaseLossKind.Unrenewable, now,
                    $"no renewal succeeded before it would lapse: {attempt - 1} attempts, the last {(last is null ? "unanswered" : $"failed: {last.Message}")}", last);
            try
            {
                // An attempt that hangs is given up at the deadline: the lease must not lapse while we wait for it.
                using var limit = new CancellationTokenSource(left, _clock);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, limit.Token);
                if (!await _lease.TryAcquireAsync(Name, Holder, now, Duration, linked.Token))
                    return new LeaseLoss(LeaseLossKind.Refused, now, "another holder has it (it lapsed or was taken over)", null);
                Volatile.Write(ref _heldUntilUtcTicks, (now + Duration).UtcTicks);
                if (attempt > 1) _log.LogInformation("Renewed the fleet lease {Lease} after {Attempts} attempts", Name, attempt);
                return null;
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                last = e is OperationCanceledException ? null : e;
                if (attempt == 1) _log.LogWarning(e, "Could not renew the fleet lease {Lease}; retrying until shortly before it lapses", Name);
            }
            var wait = Min(backoff, deadline - _clock.GetUtcNow());
            if (wait > TimeSpan.Zero) await Task.Delay(wait, _clock, stop);
            backoff = Min(backoff * 2, Margin);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Stops renewing (the lease then lapses on its own unless released).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync();
        await _renewing;
    }

    /// <summary>Stops renewing without waiting for a renewal in flight (for owners disposed synchronously).</summary>
    public void Dispose()
    {
        try { _stop.Cancel(); } catch (ObjectDisposedException) { }
    }

    /// <summary>Stops renewing and gives the lease up at once if it is still this keeper's.</summary>
    public async Task ReleaseAsync(CancellationToken ct)
    {
        await DisposeAsync();
        if (Loss is not null) return;
        try
        {
            await _lease.ReleaseAsync(Name, Holder, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Harmless beyond a wait: the lease lapses on its own, and the next taker gets it then.
            _log.LogWarning(e, "Could not give up the fleet lease {Lease}; it lapses at {Until:u}", Name, HeldUntil);
        }
    }
}

public enum LeaseLossKind
{
    /// <summary>A renewal was refused: another holder has the lease.</summary>
    Refused,

    /// <summary>No renewal succeeded (the app store failed or did not answer) before the lease would lapse.</summary>
    Unrenewable,
}

/// <summary>How a kept lease was lost, in words an owner can put in its own message.</summary>
public sealed record LeaseLoss(LeaseLossKind Kind, DateTimeOffset At, string Reason, Exception? Error);
