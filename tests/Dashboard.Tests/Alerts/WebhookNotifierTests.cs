using System.Diagnostics;
using Dashboard.Operations.Alerts;
using Dashboard.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Alerts;

/// <summary>The webhook against a real local receiver: retried with backoff until taken, and a dead receiver never holds up the caller.</summary>
public sealed class WebhookNotifierTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AlertNotification Notification(long id) => new(AlertNotification.Firing, id, $"ErrorRate:tenant t{id}", "ErrorRate", "Error rate",
        $"tenant t{id}", $"t{id}", 12.5, 5, "%", "12.5 % of 400 calls failed", DateTimeOffset.UtcNow, null, DateTimeOffset.UtcNow, "test");

    private static WebhookNotifier Notifier(params string[] urls) => new(
        new StaticOptions(new AlertsOptions { Webhooks = urls.Select(u => new WebhookOptions { Url = u, MaxAttempts = 4, FirstBackoffMs = 50, TimeoutSeconds = 2 }).ToList() }),
        TimeProvider.System, NullLogger<WebhookNotifier>.Instance);

    [Fact]
    public async Task A_refusing_receiver_gets_the_notification_once_after_retries_with_the_documented_payload()
    {
        await using var receiver = new WebhookReceiver { RefuseFirst = 2 };
        using var notifier = Notifier(receiver.Url);
        await notifier.StartAsync(Ct);
        notifier.Enqueue(Notification(7));

        Assert.True(await receiver.WaitForAsync(r => r.Received.Count == 1, TimeSpan.FromSeconds(10)));
        var got = Assert.Single(receiver.Received);
        Assert.Equal((3, "firing", 7L, "t7", "Error rate", 12.5, "%"), (receiver.Posts, got.Status, got.AlertId, got.Tenant, got.RuleLabel, got.Value, got.Unit));
        Assert.Equal((1L, 0L), notifier.Counts);
        await notifier.StopAsync(Ct);
    }

    [Fact]
    public async Task A_receiver_that_is_down_never_blocks_enqueueing_and_the_healthy_one_still_gets_each()
    {
        await using var receiver = new WebhookReceiver();
        using var notifier = Notifier($"http://127.0.0.1:{FreePort.Next()}/nobody-listens", receiver.Url);
        await notifier.StartAsync(Ct);

        var watch = Stopwatch.StartNew();
        for (var i = 1; i <= 3; i++) notifier.Enqueue(Notification(i));
        Assert.True(watch.ElapsedMilliseconds < 100, $"enqueueing took {watch.ElapsedMilliseconds} ms");

        Assert.True(await receiver.WaitForAsync(r => r.Received.Count == 3, TimeSpan.FromSeconds(20)));
        Assert.Equal([1L, 2L, 3L], receiver.Received.Select(n => n.AlertId));
        await notifier.StopAsync(Ct);
    }

    private sealed class StaticOptions(AlertsOptions value) : IOptionsMonitor<AlertsOptions>
    {
        public AlertsOptions CurrentValue => value;
        public AlertsOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<AlertsOptions, string?> listener) => null;
    }
}
