using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Operations.Alerts;

/// <summary>
/// Sends notifications to the configured webhooks as JSON POSTs, in the background: <see cref="Enqueue"/> only
/// queues (a bounded buffer; when a receiver has been down so long that it fills, the oldest are dropped and logged),
/// so a receiver that is down never holds up evaluation. Each POST is retried with exponential backoff
/// (<c>FirstBackoffMs</c>, doubling) up to <c>MaxAttempts</c>; any 2xx answer counts as delivered.
/// </summary>
public sealed class WebhookNotifier(IOptionsMonitor<AlertsOptions> options, TimeProvider clock, ILogger<WebhookNotifier> log)
    : BackgroundService, IAlertNotifier
{
    public const int BufferCapacity = 1000;
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Channel<AlertNotification> _queue = Channel.CreateBounded<AlertNotification>(
        new BoundedChannelOptions(BufferCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
        dropped => log.LogWarning("Alert notification {Key} ({Status}) dropped: the webhook queue is full", dropped.Key, dropped.Status));
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private long _delivered, _failed;

    /// <summary>POSTs answered 2xx, and notifications given up on after every attempt, since start.</summary>
    public (long Delivered, long Failed) Counts => (Interlocked.Read(ref _delivered), Interlocked.Read(ref _failed));

    public void Enqueue(AlertNotification notification)
    {
        if (options.CurrentValue.Webhooks.Count > 0) _queue.Writer.TryWrite(notification);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var n in _queue.Reader.ReadAllAsync(stoppingToken))
                await Task.WhenAll(options.CurrentValue.Webhooks.Select(w => SendAsync(w, n, stoppingToken)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(WebhookOptions hook, AlertNotification n, CancellationToken ct)
    {
        var backoff = TimeSpan.FromMilliseconds(hook.FirstBackoffMs);
        for (var attempt = 1; attempt <= hook.MaxAttempts; attempt++)
        {
            string problem;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(hook.TimeoutSeconds));
                using var response = await _http.PostAsJsonAsync(hook.Url, n, Json, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _delivered);
                    return;
                }
                problem = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                problem = e.Message;
            }
            if (attempt == hook.MaxAttempts) break;
            log.LogInformation("Webhook {Url} refused alert {Key} (attempt {Attempt}: {Problem}); retrying in {Backoff}", hook.Url, n.Key, attempt, problem, backoff);
            await Task.Delay(backoff, clock, ct);
            backoff *= 2;
        }
        Interlocked.Increment(ref _failed);
        log.LogWarning("Webhook {Url} did not take alert {Key} ({Status}) after {Attempts} attempts", hook.Url, n.Key, n.Status, hook.MaxAttempts);
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
