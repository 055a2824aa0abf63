using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Dashboard.Operations.Alerts;

/// <summary>
/// Sends notifications by email when <c>Alerts:Smtp:Host</c> is set: one message per notification to every address
/// of <c>To</c>, in the background with retries (<see cref="QueuedNotifier"/>). A new connection per message: alerts
/// are rare, and a kept connection would only go stale between them.
/// </summary>
public sealed class EmailNotifier(IOptionsMonitor<AlertsOptions> options, TimeProvider clock, ILogger<EmailNotifier> log)
    : QueuedNotifier(clock, log)
{
    protected override string Kind => "Mail server";

    protected override IReadOnlyList<NotificationReceiver> Receivers => options.CurrentValue.Smtp is { Configured: true } s
        ? [new NotificationReceiver($"{s.Host}:{s.Port}", s.MaxAttempts, TimeSpan.FromMilliseconds(s.FirstBackoffMs), TimeSpan.FromSeconds(s.TimeoutSeconds))]
        : [];

    protected override async Task<string?> SendAsync(NotificationReceiver receiver, AlertNotification n, CancellationToken ct)
    {
        var s = options.CurrentValue.Smtp;
        using var client = new SmtpClient();
        await client.ConnectAsync(s.Host, s.Port, s.Tls switch
        {
            SmtpTlsMode.None => SecureSocketOptions.None,
            SmtpTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        }, ct);
        if (!string.IsNullOrEmpty(s.User)) await client.AuthenticateAsync(s.User, s.Password ?? "", ct);
        await client.SendAsync(AlertEmail.Message(n, s), ct);
        await client.DisconnectAsync(quit: true, ct);
        return null;
    }
}

/// <summary>The email for one notification: the subject says state, rule and subject; the body the figures and when.</summary>
public static class AlertEmail
{
    public static string Subject(AlertNotification n) => $"[{n.Status}] {n.RuleLabel}: {n.Subject}";

    public static string Body(AlertNotification n) => string.Join("\n",
        $"{n.RuleLabel} for {n.Subject} is {n.Status}.",
        "",
        n.Summary,
        $"Value: {n.Value.ToString("0.##", CultureInfo.InvariantCulture)} {n.Unit} (threshold {n.Threshold.ToString("0.##", CultureInfo.InvariantCulture)} {n.Unit})",
        $"Fired at: {n.FiredAt:u}",
        n.ResolvedAt is { } r ? $"Resolved at: {r:u}" : "Open: see /ops/alerts to acknowledge it.",
        $"Alert {n.AlertId}, key {n.Key}, sent by {n.Instance}.");

    public static MimeMessage Message(AlertNotification n, SmtpOptions s)
    {
        var message = new MimeMessage { Subject = Subject(n), Body = new TextPart("plain") { Text = Body(n) } };
        message.From.Add(MailboxAddress.Parse(s.From));
        foreach (var to in s.To) message.To.Add(MailboxAddress.Parse(to));
        return message;
    }
}
