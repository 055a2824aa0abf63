using System.Net.Http.Json;
using System.Text.Json;

namespace Dashboard.Operations.Alerts;

/// <summary>
/// Sends notifications to the configured webhooks as JSON POSTs, in the background with retries
/// (<see cref="QueuedNotifier"/>); any 2xx answer counts as delivered.
/// </summary>
public sealed class WebhookNotifier(IOptionsMonitor<AlertsOptions> options, TimeProvider clock, ILogger<WebhookNotifier> log)
    : QueuedNotifier(clock, log)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    protected override string Kind => "Webhook";

    protected override IReadOnlyList<NotificationReceiver> Receivers => options.CurrentValue.Webhooks
        .Select(w => new NotificationReceiver(w.Url, w.MaxAttempts, TimeSpan.FromMilliseconds(w.FirstBackoffMs), TimeSpan.FromSeconds(w.TimeoutSeconds)))
        .ToList();

    protected override async Task<string?> SendAsync(NotificationReceiver receiver, AlertNotification n, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync(receiver.Name, n, Json, ct);
        return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
