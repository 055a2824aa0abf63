using System.Globalization;
using Dashboard.Core.Alerts;
using Dashboard.Core.Audit;
using Dashboard.Operations.Alerts;

namespace Dashboard.Services.Alerts;

/// <summary>One row of the alerts page: the alert and how to show its rule.</summary>
public sealed record AlertRow(AlertRecord Alert, string RuleLabel, string Unit)
{
    public string ValueText => $"{Alert.Value:0.#} {Unit}";
    public string ThresholdText => $"{Alert.Threshold:0.#} {Unit}";
}

/// <summary>
/// The alerts page's service: Ops list open and recent alerts and acknowledge them with a note. Checked here,
/// whatever page asks; every acknowledgement is audited (entity "Alert") before the page hears it worked.
/// </summary>
public sealed class AlertsAdmin(IAlertStore store, OpenAlerts open, IAuditLog audit, ICurrentPerson current, TimeProvider clock)
{
    public static readonly TimeSpan RecentFor = TimeSpan.FromHours(24);
    public const int MaxListed = 200;

    public async Task<IReadOnlyList<AlertRow>> ListAsync(CancellationToken ct = default)
    {
        RequireOps();
        var alerts = await store.ListRecentAsync(clock.GetUtcNow() - RecentFor, MaxListed, ct);
        return alerts.OrderBy(a => a.IsOpen ? 0 : 1).ThenByDescending(a => a.FiredAt).Select(Row).ToList();
    }

    public async Task<AlertRecord> AcknowledgeAsync(AlertRecord alert, string? note, CancellationToken ct = default)
    {
        var person = RequireOps();
        var text = note?.Trim() ?? "";
        if (text.Length == 0) throw new ValidationException("note", "Say in a note what is being done about it.");
        if (text.Length > AppStoreLimits.NoteLength) throw new ValidationException("note", $"The note is {text.Length} characters; at most {AppStoreLimits.NoteLength}.");
        var acked = await store.AcknowledgeAsync(alert.Id, alert.Version, person.Id, text, clock.GetUtcNow(), ct);
        open.Forget();
        await audit.AppendAsync(new AuditEntry(0, clock.GetUtcNow(), person.Id, person.Name, acked.Tenant ?? "", "Alert",
            acked.Id.ToString(CultureInfo.InvariantCulture), AuditAction.Update,
            AuditJson.Write(new { alert.Key, State = alert.State.ToString() }),
            AuditJson.Write(new { acked.Key, State = acked.State.ToString(), acked.AcknowledgedBy, Note = acked.AcknowledgedNote })), ct);
        return acked;
    }

    public static AlertRow Row(AlertRecord a)
    {
        var kind = Enum.TryParse<AlertRuleKind>(a.Rule, out var k) ? k : (AlertRuleKind?)null;
        return new AlertRow(a, kind is { } known ? AlertRuleKinds.Label(known) : a.Rule, kind is { } u ? AlertRuleKinds.Unit(u) : "");
    }

    private Person RequireOps()
    {
        var person = current.Person;
        if (!person.IsOps) throw new ForbiddenException("Only Ops may see and acknowledge alerts.");
        return person;
    }
}

/// <summary>Limits the app store's alert columns set, repeated here so the page checks before the store clips.</summary>
public static class AppStoreLimits
{
    public const int NoteLength = Dashboard.AppStore.Alerts.EfAlertStore.NoteLength;
}
