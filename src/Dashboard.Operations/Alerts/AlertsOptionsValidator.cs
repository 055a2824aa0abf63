using System.Net.Mail;

namespace Dashboard.Operations.Alerts;

/// <summary>One refused alert setting: its key under <c>Alerts</c> ("Throttling:SurfacedAbove") and why.</summary>
public sealed record AlertSettingProblem(string Key, string Why)
{
    public override string ToString() => $"{AlertsOptions.Section}:{Key} {Why}";
}

/// <summary>
/// Refuses alert settings that cannot work (negative thresholds, holds, windows the store cannot read, webhook or
/// mail addresses that are not addresses): stops start-up on configuration, and refuses an Ops edit on the page.
/// </summary>
public sealed class AlertsOptionsValidator : IValidateOptions<AlertsOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertsOptions o)
    {
        var problems = Problems(o);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => p.ToString()));
    }

    public static IReadOnlyList<AlertSettingProblem> Problems(AlertsOptions o)
    {
        var f = new List<AlertSettingProblem>();
        void Check(bool ok, string key, string why) { if (!ok) f.Add(new AlertSettingProblem(key, why)); }
        var maxMinutes = (int)RollingStore.MaxWindow.TotalMinutes;

        Check(o.EvaluateEverySeconds is >= 1 and <= 3600, "EvaluateEverySeconds", $"must be 1 to 3600 (is {o.EvaluateEverySeconds}).");
        Check(o.FireAfterSeconds is >= 0 and <= 86400, "FireAfterSeconds", $"must be 0 to 86400 (is {o.FireAfterSeconds}).");
        Check(o.ResolveAfterClearSeconds is >= 0 and <= 86400, "ResolveAfterClearSeconds", $"must be 0 to 86400 (is {o.ResolveAfterClearSeconds}).");
        Check(o.LeaseSeconds > o.EvaluateEverySeconds, "LeaseSeconds", $"must be longer than EvaluateEverySeconds ({o.EvaluateEverySeconds}), or the lease lapses between two evaluations (is {o.LeaseSeconds}).");

        Check(o.Budget.Percent is > 0 and <= 1000, "Budget:Percent", $"must be above 0 and at most 1000 (is {o.Budget.Percent}).");
        Check(o.Budget.WindowMinutes is >= 1 && o.Budget.WindowMinutes <= maxMinutes, "Budget:WindowMinutes", $"must be 1 to {maxMinutes} (is {o.Budget.WindowMinutes}).");
        foreach (var (tenant, usd) in o.Budget.TenantMonthlyUsd) Check(usd > 0, $"Budget:TenantMonthlyUsd:{tenant}", $"must be above 0 (is {usd}).");
        foreach (var (provider, usd) in o.Budget.ProviderMonthlyUsd) Check(usd > 0, $"Budget:ProviderMonthlyUsd:{provider}", $"must be above 0 (is {usd}).");

        Check(o.Throttling.WindowMinutes is >= 1 and <= 60, "Throttling:WindowMinutes", $"must be 1 to 60 (is {o.Throttling.WindowMinutes}).");
        Check(o.Throttling.SurfacedAbove is null or >= 0, "Throttling:SurfacedAbove", $"must not be negative (is {o.Throttling.SurfacedAbove}).");
        Check(o.Throttling.RetriedSharePercentAbove is null or (>= 0 and < 100), "Throttling:RetriedSharePercentAbove", $"must be 0 to under 100 (is {o.Throttling.RetriedSharePercentAbove}).");
        Check(o.Throttling.MinAttempts >= 1, "Throttling:MinAttempts", $"must be at least 1 (is {o.Throttling.MinAttempts}).");

        Check(o.Health.UnavailableSecondsAbove is null or >= 0, "Health:UnavailableSecondsAbove", $"must not be negative (is {o.Health.UnavailableSecondsAbove}).");
        Check(o.Health.ErrorRatePercentAbove is null or (>= 0 and < 100), "Health:ErrorRatePercentAbove", $"must be 0 to under 100 (is {o.Health.ErrorRatePercentAbove}).");
        Check(o.Health.WindowMinutes is >= 1 and <= 60, "Health:WindowMinutes", $"must be 1 to 60 (is {o.Health.WindowMinutes}).");
        Check(o.Health.MinCalls >= 1, "Health:MinCalls", $"must be at least 1 (is {o.Health.MinCalls}).");

        Check(o.Latency.P95MsAbove is null or > 0, "Latency:P95MsAbove", $"must be above 0 (is {o.Latency.P95MsAbove}).");
        Check(o.Latency.WindowMinutes is >= 1 and <= 60, "Latency:WindowMinutes", $"must be 1 to 60 (is {o.Latency.WindowMinutes}).");
        Check(o.Latency.MinCalls >= 1, "Latency:MinCalls", $"must be at least 1 (is {o.Latency.MinCalls}).");
        var operations = StoreOperations.All.Select(StoreOperations.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (op, ms) in o.Latency.OperationP95MsAbove)
        {
            Check(operations.Contains(op), $"Latency:OperationP95MsAbove:{op}", $"is not an operation ({string.Join(", ", operations.Order(StringComparer.Ordinal))}).");
            Check(ms > 0, $"Latency:OperationP95MsAbove:{op}", $"must be above 0 (is {ms}).");
        }

        Check(o.UnitsSpike.Factor is null or > 1, "UnitsSpike:Factor", $"must be above 1 (is {o.UnitsSpike.Factor}).");
        Check(o.UnitsSpike.MinBaselineDays is >= 1 and <= UnitsBaseline.Days, "UnitsSpike:MinBaselineDays", $"must be 1 to {UnitsBaseline.Days}: the baseline keeps {UnitsBaseline.Days} days (is {o.UnitsSpike.MinBaselineDays}).");
        Check(o.UnitsSpike.MinUnitsPerMinute >= 0, "UnitsSpike:MinUnitsPerMinute", $"must not be negative (is {o.UnitsSpike.MinUnitsPerMinute}).");

        for (var i = 0; i < o.Webhooks.Count; i++)
        {
            var w = o.Webhooks[i];
            Check(Uri.TryCreate(w.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", $"Webhooks:{i}:Url", $"must be an absolute http(s) address (is '{w.Url}').");
            Check(w.MaxAttempts is >= 1 and <= 20, $"Webhooks:{i}:MaxAttempts", $"must be 1 to 20 (is {w.MaxAttempts}).");
            Check(w.FirstBackoffMs is >= 0 and <= 60000, $"Webhooks:{i}:FirstBackoffMs", $"must be 0 to 60000 (is {w.FirstBackoffMs}).");
            Check(w.TimeoutSeconds is >= 1 and <= 120, $"Webhooks:{i}:TimeoutSeconds", $"must be 1 to 120 (is {w.TimeoutSeconds}).");
        }
        CheckSmtp(o.Smtp, Check);
        return f;
    }

    private static void CheckSmtp(SmtpOptions s, Action<bool, string, string> check)
    {
        if (!s.Configured) return;
        check(s.Port is >= 1 and <= 65535, "Smtp:Port", $"must be 1 to 65535 (is {s.Port}).");
        check(IsAddress(s.From), "Smtp:From", $"must be an email address (is '{s.From}').");
        check(s.To.Count > 0, "Smtp:To", "must name at least one recipient when Smtp:Host is set.");
        for (var i = 0; i < s.To.Count; i++) check(IsAddress(s.To[i]), $"Smtp:To:{i}", $"must be an email address (is '{s.To[i]}').");
        check(string.IsNullOrEmpty(s.Password) || !string.IsNullOrEmpty(s.User), "Smtp:User", "must be set when Smtp:Password is.");
        check(Enum.IsDefined(s.Tls), "Smtp:Tls", $"must be None, StartTls or SslOnConnect (is {s.Tls}).");
        check(s.MaxAttempts is >= 1 and <= 20, "Smtp:MaxAttempts", $"must be 1 to 20 (is {s.MaxAttempts}).");
        check(s.FirstBackoffMs is >= 0 and <= 60000, "Smtp:FirstBackoffMs", $"must be 0 to 60000 (is {s.FirstBackoffMs}).");
        check(s.TimeoutSeconds is >= 1 and <= 120, "Smtp:TimeoutSeconds", $"must be 1 to 120 (is {s.TimeoutSeconds}).");
    }

    private static bool IsAddress(string? text) => MailAddress.TryCreate(text, out var a) && a.Address == text?.Trim();
}
