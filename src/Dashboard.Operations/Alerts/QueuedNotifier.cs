using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Operations.Alerts;

/// <summary>One place a notification goes (a webhook, the mail server) and how hard to try it.</summary>
public sealed record NotificationReceiver(string Name, int MaxAttempts, TimeSpan FirstBackoff, TimeSpan Timeout);

/// <summary>
/// Sends notifications in the background, for webhooks and email alike: <see cref="Enqueue"/> only queues (a bounded
/// buffer; when receivers have been down so long that it fills, the oldest are dropped and logged), so a receiver
/// that is down never holds up evaluation. Each delivery is retried with exponential backoff (doubling from
/// <see cref="NotificationReceiver.FirstBackoff"/>) up to <see cref="NotificationReceiver.MaxAttempts"/>.
/// </summary>
public abstract class QueuedNotifier : BackgroundService, IAlertNotifier
{
    public const int BufferCapacity = 1000;

    private readonly Channel<AlertNotification> _queue;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private long _delivered, _failed;

    protected QueuedNotifier(TimeProvider clock, ILogger log)
    {
        (_clock, _log) = (clock, log);
        _queue = Channel.CreateBounded<AlertNotification>(
            new BoundedChannelOptions(BufferCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => log.LogWarning("Alert notification {Key} ({Status}) dropped: the {Kind} queue is full", dropped.Key, dropped.Status, Kind));
    }

    /// <summary>Deliveries taken, and notifications given up on after every attempt, since start.</summary>
    public (long Delivered, long Failed) Counts => (Interlocked.Read(ref _delivered), Interlocked.Read(ref _failed));

    /// <summary>"webhook", "email": for the log.</summary>
    protected abstract string Kind { get; }

    /// <summary>Where notifications go now (empty: nothing is queued).</summary>
    protected abstract IReadOnlyList<NotificationReceiver> Receivers { get; }

    /// <summary>One attempt; null when the receiver took it, else what went wrong. Throwing counts as a failed attempt.</summary>
    protected abstract Task<string?> SendAsync(NotificationReceiver receiver, AlertNotification notification, CancellationToken ct);

    public void Enqueue(AlertNotification notification)
    {
        if (Receivers.Count > 0) _queue.Writer.TryWrite(notification);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var n in _queue.Reader.ReadAllAsync(stoppingToken))
                await Task.WhenAll(Receivers.Select(r => DeliverAsync(r, n, stoppingToken)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(NotificationReceiver receiver, AlertNotification n, CancellationToken ct)
    {
        var backoff = receiver.FirstBackoff;
        for (var attempt = 1; attempt <= receiver.MaxAttempts; attempt++)
        {
            string? problem;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(receiver.Timeout);
                problem = await SendAsync(receiver, n, timeout.Token);
                if (problem is null)
                {
                    Interlocked.Increment(ref _delivered);
                    return;
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                problem = e.Message;
            }
            if (attempt == receiver.MaxAttempts) break;
            _log.LogInformation("{Kind} {Receiver} refused alert {Key} (attempt {Attempt}: {Problem}); retrying in {Backoff}", Kind, receiver.Name, n.Key, attempt, problem, backoff);
            await Task.Delay(backoff, _clock, ct);
            backoff *= 2;
        }
        Interlocked.Increment(ref _failed);
        _log.LogWarning("{Kind} {Receiver} did not take alert {Key} ({Status}) after {Attempts} attempts", Kind, receiver.Name, n.Key, n.Status, receiver.MaxAttempts);
    }
}

/// <summary>Every notifier the host runs (webhooks, email): the engine hands each notification to all of them.</summary>
public sealed class AlertNotifiers(IEnumerable<QueuedNotifier> notifiers) : IAlertNotifier
{
    private readonly QueuedNotifier[] _all = notifiers.ToArray();

    public void Enqueue(AlertNotification notification)
    {
        foreach (var n in _all) n.Enqueue(notification);
    }
}
