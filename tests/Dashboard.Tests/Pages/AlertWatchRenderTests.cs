using Bunit;
using Dashboard.Components.Layout;
using Dashboard.Components.Shared;
using Dashboard.Core.Access;
using Dashboard.Core.Alerts;
using Dashboard.Services.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Pages;

/// <summary>
/// The badge and the banner poll the open alerts on every circuit; a poll that finds the same alerts renders nothing,
/// one that finds another renders it.
/// </summary>
public sealed class AlertWatchRenderTests : DashboardTestContext
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public AlertWatchRenderTests() => Services.AddSingleton<TimeProvider>(_clock);

    private async Task PollAsync()
    {
        _clock.Advance(AlertWatch.Period);
        await Task.Delay(500, Ct); // the poll's read of the app store is real I/O
    }

    [Fact]
    public async Task A_poll_that_finds_the_same_alerts_does_not_render_one_that_finds_a_new_alert_does()
    {
        SignInAs(Role.Ops, TenantId);
        var badge = Render<AlertsBadge>();
        var banner = Render<TenantAlertBanner>(p => p.Add(b => b.Tenant, TenantId));
        badge.WaitForAssertion(() => Assert.Equal("Alerts: none open", badge.Find("a.alerts-badge").GetAttribute("title")));
        await Task.Delay(300, Ct);
        var (badgeRenders, bannerRenders) = (badge.RenderCount, banner.RenderCount);

        await PollAsync();
        await PollAsync();
        Assert.Equal((badgeRenders, bannerRenders), (badge.RenderCount, banner.RenderCount));

        var now = _clock.GetUtcNow();
        await Services.GetRequiredService<IAlertStore>().OpenAsync(new AlertRecord(0, "ErrorRate:tenant sandbox", "ErrorRate", "tenant sandbox",
            TenantId, AlertState.Firing, now, now, null, 72, 10, "72 errors", [0, 3], null, null, null, null, 0), Ct);
        _clock.Advance(AlertWatch.Period);

        badge.WaitForAssertion(() => Assert.Equal("Alerts: 1 firing", badge.Find("a.alerts-badge").GetAttribute("title")));
        banner.WaitForAssertion(() => Assert.Contains("An alert is open", banner.Find("[data-testid=tenant-alert-banner]").TextContent));
    }
}
