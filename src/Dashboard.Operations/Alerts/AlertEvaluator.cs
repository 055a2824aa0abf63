using Dashboard.Core.Tenants.Health;
using Dashboard.Operations.Alerts.Rules;

namespace Dashboard.Operations.Alerts;

/// <summary>
/// Judges every rule for every registered tenant (and every provider with a budget) from the alert inputs (this
/// instance's rolling store, or the fleet's Prometheus), the units baseline, the health cache and the cost source;
/// returns one condition per alert key. The rules themselves are pure (Rules/).
/// </summary>
public sealed class AlertEvaluator(
    IAlertInputs inputs,
    UnitsBaseline baseline,
    TenantRegistry tenants,
    TenantHealthCache health,
    ICostSource costs,
    UnavailabilityTracker unavailability,
    AlertRules rules,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<AlertCondition>> EvaluateAsync(CancellationToken ct) => await EvaluateAsync(await rules.CurrentAsync(ct), ct);

    /// <summary>Judges with the given rules (the round's, read once for the whole round).</summary>
    public async Task<IReadOnlyList<AlertCondition>> EvaluateAsync(AlertsOptions o, CancellationToken ct)
    {
        var recent = TimeSpan.FromMinutes(new[] { o.Throttling.WindowMinutes, o.Health.WindowMinutes, o.Latency.WindowMinutes }.Max());
        var series = await inputs.ReadAsync(recent, ct);
        var now = clock.GetUtcNow();
        var sameHour = o.UnitsSpike.Factor is null
            ? new Dictionary<string, IReadOnlyList<double>>()
            : await baseline.SameHourAsync(new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(-1), ct);
        var conditions = new List<AlertCondition>();
        foreach (var tenant in tenants.All)
        {
            var s = series.GetValueOrDefault(tenant.Id) ?? new TenantSeries(tenant.Id, [], [], new Dictionary<string, IReadOnlyList<LatencyPoint>>());
            conditions.AddRange(ThrottlingRule.Evaluate(tenant.Id, s.Recent, o.Throttling, clock));
            Add(conditions, HealthRule.Unavailable(tenant.Id, unavailability.Since(tenant.Id, health.Find(tenant.Id)), o.Health, clock));
            Add(conditions, HealthRule.ErrorRate(tenant.Id, s.Recent, o.Health, clock));
            foreach (var (operation, points) in s.Latency) Add(conditions, LatencyRule.Evaluate(tenant.Id, operation, points, o.Latency, clock));
            Add(conditions, UnitsSpikeRule.Evaluate(tenant.Id, s.Minutes, sameHour.GetValueOrDefault(tenant.Id) ?? [], o.UnitsSpike, clock));
        }
        conditions.AddRange(await BudgetsAsync(o.Budget, ct));
        return conditions;
    }

    private async Task<IReadOnlyList<AlertCondition>> BudgetsAsync(BudgetRuleOptions o, CancellationToken ct)
    {
        if (o.TenantMonthlyUsd.Count == 0 && o.ProviderMonthlyUsd.Count == 0) return [];
        var window = new OpsWindow("alerts", $"{o.WindowMinutes} min", TimeSpan.FromMinutes(o.WindowMinutes), 1);
        var report = await costs.BuildAsync(window, ct);
        var result = new List<AlertCondition>();
        foreach (var provider in report.Providers)
        {
            if (o.ProviderMonthlyUsd.TryGetValue(provider.Provider, out var providerBudget))
                result.Add(BudgetRule.Evaluate($"provider {provider.Provider}", null, provider.MonthUsd, providerBudget, o.Percent));
            foreach (var tenant in provider.Tenants)
                if (o.TenantMonthlyUsd.TryGetValue(tenant.Tenant, out var tenantBudget))
                    result.Add(BudgetRule.Evaluate($"tenant {tenant.Tenant}", tenant.Tenant, tenant.MonthUsd, tenantBudget, o.Percent));
        }
        return result;
    }

    private static void Add(List<AlertCondition> into, AlertCondition? condition)
    {
        if (condition is not null) into.Add(condition);
    }
}
