namespace Dashboard.Operations.Alerts.Rules;

/// <summary>A projected monthly cost (the cost page's projection) against a percentage of a monthly budget.</summary>
public static class BudgetRule
{
    /// <param name="subject">"tenant acme" or "provider DynamoDB".</param>
    /// <param name="tenant">The tenant whose pages show the banner (null for a provider).</param>
    public static AlertCondition Evaluate(string subject, string? tenant, decimal projectedMonthUsd, decimal budgetUsd, double percent)
    {
        var used = budgetUsd <= 0 ? 0 : (double)(projectedMonthUsd / budgetUsd) * 100;
        return new AlertCondition(AlertRuleKind.Budget, subject, tenant, used > percent, Math.Round(used, 1), percent, [],
            $"projected {projectedMonthUsd:N2} USD this month = {used:0.#} % of the {budgetUsd:N2} USD budget (above {percent:0.#} % fires)");
    }
}
