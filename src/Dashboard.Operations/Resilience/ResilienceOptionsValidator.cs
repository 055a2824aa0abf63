namespace Dashboard.Operations.Resilience;

/// <summary>
/// Fails start-up when the Resilience section cannot work. Bounds are Polly's own where it has them (it would
/// otherwise throw on the first store call, not at start) and otherwise keep a request-path call short.
/// </summary>
public sealed class ResilienceOptionsValidator : IValidateOptions<ResilienceOptions>
{
    private const string S = ResilienceOptions.Section;

    public ValidateOptionsResult Validate(string? name, ResilienceOptions o)
    {
        var failures = new List<string>();
        if (o.MaxAttempts is < 1 or > 10)
            failures.Add($"{S}:MaxAttempts must be 1–10 (it is {o.MaxAttempts}); 1 means no retry of our own.");
        Duration(failures, "BaseDelay", o.BaseDelay, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
        Duration(failures, "MaxDelay", o.MaxDelay, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
        if (o.BaseDelay > TimeSpan.Zero && o.MaxDelay > TimeSpan.Zero && o.BaseDelay > o.MaxDelay)
            failures.Add($"{S}:BaseDelay ({o.BaseDelay}) must not exceed {S}:MaxDelay ({o.MaxDelay}).");
        // Polly's timeout strategy accepts 10 ms to 1 day.
        Duration(failures, "Timeout", o.Timeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10));
        Duration(failures, "ProbeTimeout", o.ProbeTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10));
        // Polly's circuit breaker needs at least 2 calls, a ratio in (0, 1] and windows of 0.5 s to 1 day.
        if (o.BreakAfterFailures is < 2 or > 10_000)
            failures.Add($"{S}:BreakAfterFailures must be 2–10000 (it is {o.BreakAfterFailures}).");
        if (!(o.FailureRatio > 0 && o.FailureRatio <= 1))
            failures.Add($"{S}:FailureRatio must be above 0 and at most 1 (it is {o.FailureRatio.ToString(CultureInfo.InvariantCulture)}).");
        Duration(failures, "SamplingDuration", o.SamplingDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1));
        Duration(failures, "BreakDuration", o.BreakDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1));
        // Up to a day: a long interval is how a benchmark switches the prober off.
        Duration(failures, "ProbeInterval", o.ProbeInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Duration(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value <= TimeSpan.Zero)
            failures.Add($"{S}:{key} must be a positive duration (it is {value}).");
        else if (value < min || value > max)
            failures.Add($"{S}:{key} must be {min}–{max} (it is {value}).");
    }
}
