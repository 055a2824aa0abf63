using System.Text.RegularExpressions;
using Dashboard.Core.Alerts;
using Dashboard.E2E.Infrastructure;

namespace Dashboard.E2E.Flows;

/// <summary>
/// An ops person sees the alerts badge, opens the alert, acknowledges it with a note, and finds the acknowledgement
/// in the audit log. The alert is opened in the app store as the evaluating instance would open it (a real breach
/// would need minutes of traffic), and resolved at the end, waiting until the badge says so: flows after this one
/// see no badge count or banner of it, in their tab order or their accessibility sweep.
/// </summary>
public sealed class AlertFlows(DashboardApp app, BrowserSession browser) : E2ETest(app, browser)
{
    [Fact]
    public async Task Ops_see_the_badge_open_the_alert_acknowledge_it_with_a_note_and_the_audit_log_shows_it()
    {
        var tenant = App.Tenants[0].Id;
        var now = DateTimeOffset.UtcNow;
        var alert = await App.Alerts.OpenAsync(new AlertRecord(0, $"e2e-flow:tenant {tenant}", "ErrorRate", $"tenant {tenant}", tenant,
            AlertState.Firing, now, now, null, 12.5, 5, "12.5 % of 400 calls failed (above 5 % fires)", [1, 4, 12.5], null, null, null, null, 0), Ct)
            ?? throw new InvalidOperationException("An alert with this key is open already.");
        try
        {
            var page = await OpenAsync($"/t/{tenant}/users", DemoAccounts.Ops);
            var badge = page.GetByRole(AriaRole.Link, new() { Name = "Alerts: 1 firing" });
            await Assertions.Expect(badge).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await badge.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/ops/alerts$"));
            await WaitInteractiveAsync(page);

            var row = page.GetByRole(AriaRole.Region, new() { Name = "Alerts" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "12.5 % of 400 calls failed" });
            await Assertions.Expect(row).ToContainTextAsync("Error rate");
            await row.GetByRole(AriaRole.Textbox, new() { Name = $"Note for alert {alert.Id}" }).FillAsync("Looking at the nightly export");
            await row.GetByRole(AriaRole.Button, new() { Name = $"Acknowledge alert {alert.Id}" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Acknowledged alert {alert.Id}" })).ToBeVisibleAsync();
            await Assertions.Expect(row).ToContainTextAsync("Looking at the nightly export");

            await GoToAsync(page, $"/audit?Entity=Alert&Id={alert.Id}");
            var entries = page.GetByRole(AriaRole.Region, new() { Name = "Audit log entries" });
            await Assertions.Expect(entries).ToContainTextAsync("Looking at the nightly export");
            await Assertions.Expect(entries).ToContainTextAsync("Acknowledged");

            await App.Alerts.ResolveAsync(alert.Id, DateTimeOffset.UtcNow, Ct);
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Alerts: none open" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        finally
        {
            await App.Alerts.ResolveAsync(alert.Id, DateTimeOffset.UtcNow, CancellationToken.None);
        }
    }
}
