using System.Diagnostics;
using Dashboard.Operations.Alerts;
using Dashboard.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Alerts;

/// <summary>Alert email against a real local SMTP listener: the message arrives with its subject and body, and a dead or hung mail server never holds up the caller.</summary>
public sealed class EmailNotifierTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AlertNotification Notification(long id) => new(AlertNotification.Firing, id, $"ErrorRate:tenant t{id}", "ErrorRate", "Error rate",
        $"tenant t{id}", $"t{id}", 12.5, 5, "%", "12.5 % of 400 calls failed", DateTimeOffset.Parse("2026-03-02T10:00:05Z"), null, DateTimeOffset.UtcNow, "web-1");

    private static EmailNotifier Notifier(int port, int timeoutSeconds = 5) => new(new StaticOptions(new AlertsOptions
    {
        Smtp = new SmtpOptions
        {
            Host = "127.0.0.1", Port = port, Tls = SmtpTlsMode.None, From = "alerts@example.com", To = ["ops@example.com", "oncall@example.com"],
            MaxAttempts = 2, FirstBackoffMs = 50, TimeoutSeconds = timeoutSeconds,
        },
    }), TimeProvider.System, NullLogger<EmailNotifier>.Instance);

    [Fact]
    public async Task A_notification_arrives_as_one_email_to_every_recipient_with_state_rule_and_subject_in_its_subject()
    {
        await using var server = new SmtpReceiver();
        using var notifier = Notifier(server.Port);
        await notifier.StartAsync(Ct);
        notifier.Enqueue(Notification(7));

        Assert.True(await server.WaitForAsync(s => s.Messages.Count == 1, TimeSpan.FromSeconds(10)));
        var message = Assert.Single(server.Messages);
        Assert.Contains("Subject: [firing] Error rate: tenant t7\n", message);
        Assert.Contains("From: alerts@example.com", message);
        Assert.Contains("Error rate for tenant t7 is firing.", message);
        Assert.Contains("12.5 % of 400 calls failed", message);
        Assert.Contains("Value: 12.5 % (threshold 5 %)", message);
        Assert.Contains("Fired at: 2026-03-02 10:00:05Z", message);
        Assert.Equal(["<ops@example.com>", "<oncall@example.com>"], server.Recipients);
        Assert.True(await server.WaitForAsync(_ => notifier.Counts == (1, 0), TimeSpan.FromSeconds(5)));
        await notifier.StopAsync(Ct);
    }

    [Fact]
    public async Task A_mail_server_that_is_down_or_never_answers_never_blocks_enqueueing_and_is_given_up_on_after_the_attempts()
    {
        await using var hung = new SmtpReceiver(silent: true);
        foreach (var port in new[] { FreePort.Next(), hung.Port })
        {
            using var notifier = Notifier(port, timeoutSeconds: 1);
            await notifier.StartAsync(Ct);
            var watch = Stopwatch.StartNew();
            for (var i = 1; i <= 3; i++) notifier.Enqueue(Notification(i));
            Assert.True(watch.ElapsedMilliseconds < 100, $"enqueueing took {watch.ElapsedMilliseconds} ms");
            Assert.True(await hung.WaitForAsync(_ => notifier.Counts == (0, 3), TimeSpan.FromSeconds(20)), $"port {port}: {notifier.Counts}");
            await notifier.StopAsync(Ct);
        }
    }

    [Fact]
    public void Without_a_host_nothing_is_queued()
    {
        using var notifier = new EmailNotifier(new StaticOptions(new AlertsOptions()), TimeProvider.System, NullLogger<EmailNotifier>.Instance);
        notifier.Enqueue(Notification(1));
        Assert.Equal((0L, 0L), notifier.Counts);
    }

    private sealed class StaticOptions(AlertsOptions value) : IOptionsMonitor<AlertsOptions>
    {
        public AlertsOptions CurrentValue => value;
        public AlertsOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<AlertsOptions, string?> listener) => null;
    }
}
