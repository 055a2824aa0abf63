using Dashboard.Core.Alerts;

namespace Dashboard.Operations.Alerts;

/// <summary>What one evaluation round did.</summary>
public sealed record AlertRound(bool Evaluated, int Conditions, int Fired, int Resolved)
{
    public static readonly AlertRound Skipped = new(false, 0, 0, 0);
}

/// <summary>
/// One evaluation round for the fleet: only the instance leading (holding the lease in the app store, see
/// <see cref="AlertLeadership"/>) judges and notifies, and stops mid-round if it loses the lease; the leader rolls the last whole hour into the units baseline; judges every rule; then fires, observes and resolves alerts as <see cref="AlertLifecycle"/> says.
/// Notifications are handed to the notifier, which sends them in the background.
/// </summary>
public sealed class AlertEngine(
    AlertEvaluator evaluator,
    UnitsBaseline baseline,
    IAlertStore store,
    IFleetLease lease,
    IAlertNotifier notifier,
    AlertRules rules,
    InstanceName instance,
    TimeProvider clock,
    ILogger<AlertEngine> log) : IAsyncDisposable, IDisposable
{
    public const string LeaseName = "alerts-evaluation";

    // Unique per engine, not per process: two hosts in one process (the tests) are two contenders.
    private readonly string _holder = $"{(instance.Value.Length > 160 ? instance.Value[..160] : instance.Value)}/{Guid.NewGuid():N}";
    private readonly Dictionary<string, DateTimeOffset> _breachingSince = new(StringComparer.Ordinal);

    private AlertLeadership? _leadership;

    public string Holder => _holder;

    private AlertLeadership Leadership => _leadership ??= new AlertLeadership(lease, _holder, clock, log);

    public async Task<AlertRound> RunOnceAsync(CancellationToken ct)
    {
        var o = await rules.CurrentAsync(ct);
        if (!o.Enabled)
        {
            await Leadership.StepDownAsync();
            return AlertRound.Skipped;
        }
        if (await Leadership.LeadAsync(o.Lease, ct) is not { } kept)
        {
            _breachingSince.Clear(); // another instance judges; pending breaches start again if this one takes over
            return AlertRound.Skipped;
        }
        using var round = CancellationTokenSource.CreateLinkedTokenSource(ct, kept.Lost);
        try
        {
            return await JudgeAsync(o, round.Token);
        }
        catch (OperationCanceledException) when (kept.Lost.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // Lost the lease mid-round: another instance may judge now; what this round had not done is left to it.
            log.LogWarning("Alert round stopped: this instance lost the evaluation lease ({Reason})", kept.Loss?.Reason);
            _breachingSince.Clear();
            return AlertRound.Skipped;
        }
    }

    /// <summary>Stops renewing the lease (it lapses, and another instance takes over then).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_leadership is { } leadership) await leadership.DisposeAsync();
    }

    public void Dispose() => _leadership?.Dispose();

    private async Task<AlertRound> JudgeAsync(AlertsOptions o, CancellationToken ct)
    {
        await RollBaselineAsync(ct);
        var conditions = await evaluator.EvaluateAsync(o, ct);
        var now = clock.GetUtcNow();
        var open = (await store.ListOpenAsync(ct)).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        int fired = 0, resolved = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in conditions)
        {
            if (!seen.Add(c.Key)) continue;
            if (c.Breached) _breachingSince.TryAdd(c.Key, now); else _breachingSince.Remove(c.Key);
            var current = open.GetValueOrDefault(c.Key);
            switch (AlertLifecycle.Next(current, _breachingSince.GetValueOrDefault(c.Key), c.Breached, now, o.FireAfter, o.ResolveAfterClear))
            {
                case AlertStep.Fire:
                    var opened = await store.OpenAsync(new AlertRecord(0, c.Key, c.Rule.ToString(), c.Subject, c.Tenant, AlertState.Firing, now, now,
                        null, c.Value, c.Threshold, c.Summary, c.Sparkline, null, null, null, null, 0), ct);
                    if (opened is not null)
                    {
                        fired++;
                        log.LogWarning("Alert {Key} fired: {Summary}", c.Key, c.Summary);
                        await NotifyFiringAsync(opened, now, ct);
                    }
                    break;
                case AlertStep.Observe:
                    await store.ObserveAsync(current!.Id, new AlertObservation(c.Value, c.Summary, c.Sparkline, c.Breached ? now : null), ct);
                    break;
                case AlertStep.Resolve:
                    if (await ResolveAsync(current!, now, ct)) resolved++;
                    break;
            }
        }
        // Open alerts no rule judged this round (the rule turned off, the tenant gone): clear, so they resolve after the hold.
        foreach (var (key, alert) in open)
        {
            if (seen.Contains(key)) continue;
            _breachingSince.Remove(key);
            if (AlertLifecycle.Next(alert, null, false, now, o.FireAfter, o.ResolveAfterClear) == AlertStep.Resolve && await ResolveAsync(alert, now, ct))
                resolved++;
        }
        return new AlertRound(true, conditions.Count, fired, resolved);
    }

    /// <summary>The lease holder keeps the units baseline; a failure there must not stop this round's judging.</summary>
    private async Task RollBaselineAsync(CancellationToken ct)
    {
        try
        {
            await baseline.RollAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(e, "The units baseline could not be updated; trying again next round");
        }
    }

    private async Task NotifyFiringAsync(AlertRecord alert, DateTimeOffset now, CancellationToken ct)
    {
        // The claim is atomic in the store: the firing goes out once even if the lease changed hands meanwhile.
        if (await store.ClaimNotificationAsync(alert.Id, now, ct))
            notifier.Enqueue(AlertNotification.Of(alert, AlertNotification.Firing, now, instance.Value));
    }

    private async Task<bool> ResolveAsync(AlertRecord alert, DateTimeOffset now, CancellationToken ct)
    {
        if (!await store.ResolveAsync(alert.Id, now, ct)) return false;
        log.LogInformation("Alert {Key} resolved", alert.Key);
        notifier.Enqueue(AlertNotification.Of(alert with { State = AlertState.Resolved, ResolvedAt = now }, AlertNotification.Resolved, now, instance.Value));
        return true;
    }
}
