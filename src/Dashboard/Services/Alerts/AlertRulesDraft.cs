using System.Globalization;
using Dashboard.Operations.Alerts;

namespace Dashboard.Services.Alerts;

/// <summary>
/// The rules as the edit form holds them: the settings (numbers bound directly) and the three name → number lists
/// as text, one "name = number" a line, so Ops can add a tenant's budget without a grid.
/// </summary>
public sealed class AlertRulesDraft
{
    public const string TenantBudgetsField = "Budget:TenantMonthlyUsd";
    public const string ProviderBudgetsField = "Budget:ProviderMonthlyUsd";
    public const string OperationLatencyField = "Latency:OperationP95MsAbove";

    public required AlertRuleSettings Settings { get; init; }
    public string TenantBudgets { get; set; } = "";
    public string ProviderBudgets { get; set; } = "";
    public string OperationLatency { get; set; } = "";

    public static AlertRulesDraft Of(AlertRuleSettings settings) => new()
    {
        Settings = AlertRuleSettings.FromJson(settings.ToJson()),
        TenantBudgets = Lines(settings.Budget.TenantMonthlyUsd),
        ProviderBudgets = Lines(settings.Budget.ProviderMonthlyUsd),
        OperationLatency = Lines(settings.Latency.OperationP95MsAbove),
    };

    /// <summary>The settings with the lists parsed in; a line that is not "name = number" is a problem of its field.</summary>
    public AlertRuleSettings ToSettings(List<AlertSettingProblem> problems)
    {
        var s = AlertRuleSettings.FromJson(Settings.ToJson());
        s.Budget.TenantMonthlyUsd = Parse<decimal>(TenantBudgets, TenantBudgetsField, problems);
        s.Budget.ProviderMonthlyUsd = Parse<decimal>(ProviderBudgets, ProviderBudgetsField, problems);
        s.Latency.OperationP95MsAbove = Parse<double>(OperationLatency, OperationLatencyField, problems);
        return s;
    }

    private static string Lines<T>(IReadOnlyDictionary<string, T> values) where T : IFormattable =>
        string.Join("\n", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key} = {v.Value.ToString(null, CultureInfo.InvariantCulture)}"));

    private static Dictionary<string, T> Parse<T>(string text, string field, List<AlertSettingProblem> problems) where T : IParsable<T>
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        var lines = (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || !T.TryParse(parts[1], CultureInfo.InvariantCulture, out var value))
                problems.Add(new AlertSettingProblem(field, $"line {i + 1} (“{lines[i]}”) must be “name = number”."));
            else if (!result.TryAdd(parts[0], value))
                problems.Add(new AlertSettingProblem(field, $"names “{parts[0]}” twice."));
        }
        return result;
    }
}
