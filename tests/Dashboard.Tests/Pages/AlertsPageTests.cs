using Bunit;
using Dashboard.Components.Layout;
using Dashboard.Components.Pages.Ops;
using Dashboard.Components.Shared;
using Dashboard.Core.Access;
using Dashboard.Core.Alerts;
using Dashboard.Core.Audit;
using Dashboard.Services.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Pages;

/// <summary>The alerts page, the app bar's badge and the tenant banner over a real app store, by role.</summary>
public sealed class AlertsPageTests : DashboardTestContext
{
    public AlertsPageTests()
    {
        // The evaluation's units baseline, which this page-only host does not register, over the real app store.
        Services.AddSingleton(sp => new Dashboard.Operations.Alerts.UnitsBaseline(
            new Dashboard.Operations.Alerts.RollingAlertInputs(new Dashboard.Operations.Metering.Rolling.RollingStore(TimeProvider.System, new Dashboard.Operations.Metering.Rolling.ThrottleLog())),
            sp.GetRequiredService<Dashboard.Core.Tenants.TenantRegistry>(), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Dashboard.Operations.Alerts.UnitsBaseline>.Instance, sp.GetRequiredService<IUnitsBaselineStore>()));
    }

    private IAlertStore Alerts => Services.GetRequiredService<IAlertStore>();

    private async Task<AlertRecord> FireAsync(string key, string rule, string subject, string? tenant)
    {
        var now = DateTimeOffset.UtcNow;
        return (await Alerts.OpenAsync(new AlertRecord(0, key, rule, subject, tenant, AlertState.Firing, now, now, null, 72, 10,
            "72 surfaced throttles in 5 min (above 10 fires)", [0, 3, 12, 30, 27], null, null, null, null, 0), Ct))!;
    }

    [Fact]
    public async Task The_rules_say_how_many_days_of_the_same_hour_the_units_baseline_has()
    {
        // Two of the previous seven days have a figure for this hour.
        var hour = Dashboard.Operations.Alerts.UnitsBaseline.HourOf(DateTimeOffset.UtcNow);
        var baseline = Services.GetRequiredService<IUnitsBaselineStore>();
        await baseline.AddHourAsync(hour.AddDays(-3), [TenantId], new Dictionary<string, double> { [TenantId] = 900 }, Ct);
        await baseline.AddHourAsync(hour.AddDays(-1), [TenantId], new Dictionary<string, double> { [TenantId] = 600 }, Ct);

        var cut = Render<Dashboard.Components.Pages.Ops.Alerts>();
        cut.WaitForAssertion(() => Assert.StartsWith("baseline: 2 of 7 days (still building)", cut.Find("[data-testid=units-baseline]").TextContent.Trim()));
    }

    [Fact]
    public async Task Ops_see_the_firing_alert_with_its_sparkline_and_acknowledge_it_with_a_note_that_the_audit_log_keeps()
    {
        var alert = await FireAsync("SurfacedThrottles:tenant sandbox", "SurfacedThrottles", "tenant sandbox", TenantId);
        var cut = Render<Dashboard.Components.Pages.Ops.Alerts>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[aria-label='Alerts'] tbody tr")));
        Assert.Contains("Surfaced throttles", cut.Markup);
        Assert.Contains("72 throttles", cut.Markup);
        Assert.NotNull(cut.Find("svg.alert-sparkline[aria-label*='0, 3, 12, 30, 27']"));

        cut.Find($"button[aria-label='Acknowledge alert {alert.Id}']").Click();
        cut.WaitForAssertion(() => Assert.Contains("Say in a note what is being done about it.", cut.Find("[role=status]").TextContent));

        cut.Find("[aria-label='Alerts'] tbody tr input").Change("scan in the nightly export, disabled");
        cut.Find($"button[aria-label='Acknowledge alert {alert.Id}']").Click();
        cut.WaitForAssertion(() => Assert.Contains($"Acknowledged alert {alert.Id}", cut.Find("[role=status]").TextContent));
        cut.WaitForAssertion(() => Assert.Contains("ops@example.com: scan in the nightly export, disabled", cut.Markup));

        var stored = (await Alerts.FindAsync(alert.Id, Ct))!;
        Assert.Equal((AlertState.Acknowledged, "ops@example.com"), (stored.State, stored.AcknowledgedBy));
        var audit = await Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Entity: "Alert"), Ct);
        var entry = Assert.Single(audit.Entries);
        Assert.Equal((AuditAction.Update, alert.Id.ToString(), TenantId, "ops@example.com"), (entry.Action, entry.EntityId, entry.Tenant, entry.ActorId));
        Assert.Contains("scan in the nightly export, disabled", entry.After);
    }

    [Fact]
    public async Task Only_Ops_may_list_or_acknowledge_alerts()
    {
        var alert = await FireAsync("ErrorRate:tenant sandbox", "ErrorRate", "tenant sandbox", TenantId);
        SignInAs(Role.Support, TenantId);
        var admin = Services.GetRequiredService<AlertsAdmin>();
        await Assert.ThrowsAsync<Dashboard.Core.Errors.ForbiddenException>(() => admin.ListAsync(Ct));
        await Assert.ThrowsAsync<Dashboard.Core.Errors.ForbiddenException>(() => admin.AcknowledgeAsync(alert, "mine", Ct));
    }

    [Fact]
    public async Task The_badge_counts_firing_alerts_for_Ops_and_is_absent_for_others()
    {
        await FireAsync("ErrorRate:tenant sandbox", "ErrorRate", "tenant sandbox", TenantId);
        await FireAsync("Budget:provider DynamoDB", "Budget", "provider DynamoDB", null);
        var badge = Render<AlertsBadge>();
        badge.WaitForAssertion(() => Assert.Equal("2", badge.Find("[data-testid=alerts-badge-count]").TextContent));
        Assert.Equal("Alerts: 2 firing", badge.Find("a.alerts-badge").GetAttribute("aria-label"));

        SignInAs(Role.Viewer, TenantId);
        Assert.Empty(Render<AlertsBadge>().FindAll("a.alerts-badge"));
    }

    [Fact]
    public async Task The_banner_shows_on_the_affected_tenant_for_whoever_reads_it_and_not_on_another()
    {
        await FireAsync("ErrorRate:tenant sandbox", "ErrorRate", "tenant sandbox", TenantId);
        SignInAs(Role.Viewer, TenantId);
        var banner = Render<TenantAlertBanner>(p => p.Add(b => b.Tenant, TenantId));
        banner.WaitForAssertion(() => Assert.Contains("An alert is open", banner.Find("[data-testid=tenant-alert-banner]").TextContent));
        Assert.Contains("Error rate", banner.Markup);
        Assert.DoesNotContain("See alerts", banner.Markup); // the link is for Ops

        Assert.Empty(Render<TenantAlertBanner>(p => p.Add(b => b.Tenant, "broken")).FindAll("[data-testid=tenant-alert-banner]"));
    }

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<Dashboard.Components.Pages.Ops.Alerts> cut, string label)
    {
        var id = cut.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return cut.Find($"#{id}");
    }

    // Found and clicked in one turn of the renderer: a page re-rendered in between (another page's save reaching it)
    // would leave the found button's handler gone.
    private static void Save(IRenderedComponent<Dashboard.Components.Pages.Ops.Alerts> cut) =>
        cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Save rules").Click()).GetAwaiter().GetResult();

    [Fact]
    public async Task Ops_edit_the_rules_a_bad_value_is_named_at_its_field_and_saves_nothing_and_a_good_one_is_stored_and_audited()
    {
        var rules = Services.GetRequiredService<IAlertRulesStore>();
        var cut = Render<Dashboard.Components.Pages.Ops.Alerts>();
        cut.WaitForAssertion(() => Assert.Contains("From configuration", cut.Find("[data-testid=alert-rules-source]").TextContent));
        Assert.Equal("10", Field(cut, "Surfaced throttles above").GetAttribute("value"));

        Field(cut, "Surfaced throttles above").Input("-5");
        Field(cut, "Tenant budgets").Change("sandbox = fifty");
        Save(cut);
        cut.WaitForAssertion(() => Assert.Contains("Nothing was saved: 2 settings are not valid", cut.Find("[data-testid=alert-rules-message]").TextContent));
        Assert.Contains("Must not be negative (is -5).", cut.Markup);
        Assert.Contains("Line 1 (“sandbox = fifty”) must be “name = number”.", cut.Markup);
        Assert.Null(await rules.LoadAsync(Ct));

        Field(cut, "Surfaced throttles above").Input("25");
        Field(cut, "Tenant budgets").Change("sandbox = 50");
        Save(cut);
        cut.WaitForAssertion(() => Assert.Contains("Saved the rules as version 1.", cut.Find("[data-testid=alert-rules-message]").TextContent));
        Assert.DoesNotContain("Must not be negative", cut.Markup);
        var stored = Dashboard.Operations.Alerts.AlertRuleSettings.FromJson((await rules.LoadAsync(Ct))!.Json);
        Assert.Equal((25, 50m), (stored.Throttling.SurfacedAbove, stored.Budget.TenantMonthlyUsd["sandbox"]));
        var audit = await Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Entity: AlertRulesAdmin.AuditEntity), Ct);
        var entry = Assert.Single(audit.Entries);
        Assert.Equal((AuditAction.Update, "ops@example.com"), (entry.Action, entry.ActorId));
        Assert.Contains("\"surfacedAbove\":10", entry.Before);
        Assert.Contains("\"surfacedAbove\":25", entry.After);
    }

    [Fact]
    public async Task A_save_from_a_page_opened_before_another_save_is_refused_and_says_so()
    {
        var first = Render<Dashboard.Components.Pages.Ops.Alerts>();
        var second = Render<Dashboard.Components.Pages.Ops.Alerts>();
        foreach (var cut in new[] { first, second }) cut.WaitForAssertion(() => cut.Find("[data-testid=alert-rules-source]"));
        Field(first, "Surfaced throttles above").Input("30");
        Save(first);
        first.WaitForAssertion(() => Assert.Contains("Saved the rules as version 1.", first.Find("[data-testid=alert-rules-message]").TextContent));

        await second.InvokeAsync(() => Field(second, "Surfaced throttles above").Input("40"));
        Save(second);
        second.WaitForAssertion(() => Assert.Contains("someone else saved the rules since you opened them", second.Find("[data-testid=alert-rules-message]").TextContent));
        var stored = Dashboard.Operations.Alerts.AlertRuleSettings.FromJson((await Services.GetRequiredService<IAlertRulesStore>().LoadAsync(Ct))!.Json);
        Assert.Equal(30, stored.Throttling.SurfacedAbove);
    }

    [Fact]
    public async Task Only_Ops_may_read_or_change_the_rules()
    {
        SignInAs(Role.Support, TenantId);
        var admin = Services.GetRequiredService<AlertRulesAdmin>();
        await Assert.ThrowsAsync<Dashboard.Core.Errors.ForbiddenException>(() => admin.GetAsync(Ct));
        var draft = AlertRulesDraft.Of(Dashboard.Operations.Alerts.AlertRuleSettings.From(new Dashboard.Operations.Alerts.AlertsOptions()));
        await Assert.ThrowsAsync<Dashboard.Core.Errors.ForbiddenException>(() => admin.SaveAsync(draft, 0, Ct));
    }
}
