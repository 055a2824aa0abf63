using Dashboard.AppStore.Alerts;
using Dashboard.Core.Alerts;
using Dashboard.Core.Audit;
using Dashboard.Operations.Alerts;

namespace Dashboard.Services.Alerts;

/// <summary>The rules as the page shows them: the draft to edit, the version a save must name, and who set them.</summary>
public sealed record AlertRulesView(AlertRulesDraft Draft, long Version, string SetBy, DateTimeOffset? SetAt)
{
    public bool FromConfiguration => Version == 0;
}

/// <summary>
/// Ops edit the alert rules on the alerts page. Checked here, whatever page asks: Ops only; the edit merged over
/// configuration passes the same validator as at start (each problem under its key); the store refuses a save from a
/// stale version; every save is audited (entity "AlertRules") before the page hears it worked.
/// </summary>
public sealed class AlertRulesAdmin(IAlertRulesStore store, IOptionsMonitor<AlertsOptions> configured, IAuditLog audit, ICurrentPerson current, TimeProvider clock,
    UnitsBaseline? baseline = null)
{
    public const string AuditEntity = EfAlertRulesStore.Entity;

    public async Task<AlertRulesView> GetAsync(CancellationToken ct = default)
    {
        RequireOps();
        var stored = await store.LoadAsync(ct);
        return stored is null
            ? new AlertRulesView(AlertRulesDraft.Of(AlertRuleSettings.From(configured.CurrentValue)), 0, "configuration", null)
            : new AlertRulesView(AlertRulesDraft.Of(AlertRuleSettings.FromJson(stored.Json)), stored.Version, stored.UpdatedBy, stored.UpdatedAt);
    }

    /// <summary>How far the units spike's baseline is (days of the week with a figure for this hour); null on a host without alert evaluation.</summary>
    public async Task<BaselineStatus?> BaselineAsync(CancellationToken ct = default)
    {
        RequireOps();
        return baseline is null ? null : await baseline.StatusAsync(ct);
    }

    /// <summary>Saves the draft read at <paramref name="expectedVersion"/>; throws <see cref="ValidationException"/> (keys as under <c>Alerts</c>) or <see cref="ConflictException"/>.</summary>
    public async Task<AlertRulesView> SaveAsync(AlertRulesDraft draft, long expectedVersion, CancellationToken ct = default)
    {
        var person = RequireOps();
        var problems = new List<AlertSettingProblem>();
        var settings = draft.ToSettings(problems);
        problems.AddRange(AlertsOptionsValidator.Problems(settings.Over(configured.CurrentValue)));
        if (problems.Count > 0)
            throw new ValidationException(problems.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Select(p => p.Why).ToArray()));

        var before = await store.LoadAsync(ct);
        var saved = await store.SaveAsync(settings.ToJson(), expectedVersion, person.Id, clock.GetUtcNow(), ct);
        await audit.AppendAsync(new AuditEntry(0, clock.GetUtcNow(), person.Id, person.Name, "", AuditEntity, "rules", AuditAction.Update,
            before?.Json ?? AlertRuleSettings.From(configured.CurrentValue).ToJson(), saved.Json), ct);
        return new AlertRulesView(AlertRulesDraft.Of(AlertRuleSettings.FromJson(saved.Json)), saved.Version, saved.UpdatedBy, saved.UpdatedAt);
    }

    private Person RequireOps()
    {
        var person = current.Person;
        if (!person.IsOps) throw new ForbiddenException("Only Ops may see and change the alert rules.");
        return person;
    }
}
