using Dashboard.Operations.Resilience;

namespace Dashboard.Tests.StartupChecks;

public sealed class ResilienceOptionsValidatorTests
{
    private static readonly ResilienceOptionsValidator Validator = new();

    private static IEnumerable<string> Failures(ResilienceOptions options) =>
        Validator.Validate(null, options).Failures ?? [];

    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(Failures(new ResilienceOptions()));

    [Fact]
    public void The_bounds_themselves_are_valid()
    {
        Assert.Empty(Failures(new ResilienceOptions
        {
            MaxAttempts = 1, BreakAfterFailures = 2, FailureRatio = 1,
            SamplingDuration = TimeSpan.FromMilliseconds(500), BreakDuration = TimeSpan.FromDays(1),
            ProbeInterval = TimeSpan.FromDays(1), Timeout = TimeSpan.FromMilliseconds(10),
            BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(1),
        }));
    }

    public static TheoryData<string, Action<ResilienceOptions>, string> Wrong() => new()
    {
        { "no attempt", o => o.MaxAttempts = 0, "Resilience:MaxAttempts must be 1–10 (it is 0)" },
        { "too many attempts", o => o.MaxAttempts = 11, "Resilience:MaxAttempts must be 1–10 (it is 11)" },
        { "a zero base delay", o => o.BaseDelay = TimeSpan.Zero, "Resilience:BaseDelay must be a positive duration (it is 00:00:00)" },
        { "a base delay above the cap", o => o.BaseDelay = TimeSpan.FromSeconds(2), "Resilience:BaseDelay (00:00:02) must not exceed Resilience:MaxDelay (00:00:01)" },
        { "a negative cap", o => o.MaxDelay = TimeSpan.FromSeconds(-1), "Resilience:MaxDelay must be a positive duration (it is -00:00:01)" },
        { "a zero timeout", o => o.Timeout = TimeSpan.Zero, "Resilience:Timeout must be a positive duration (it is 00:00:00)" },
        { "a timeout Polly refuses", o => o.Timeout = TimeSpan.FromMilliseconds(5), "Resilience:Timeout must be 00:00:00.0100000–00:10:00 (it is 00:00:00.0050000)" },
        { "a negative probe timeout", o => o.ProbeTimeout = TimeSpan.FromSeconds(-2), "Resilience:ProbeTimeout must be a positive duration (it is -00:00:02)" },
        { "a break after one call", o => o.BreakAfterFailures = 1, "Resilience:BreakAfterFailures must be 2–10000 (it is 1)" },
        { "a zero failure ratio", o => o.FailureRatio = 0, "Resilience:FailureRatio must be above 0 and at most 1 (it is 0)" },
        { "a ratio above one", o => o.FailureRatio = 1.5, "Resilience:FailureRatio must be above 0 and at most 1 (it is 1.5)" },
        { "a ratio that is not a number", o => o.FailureRatio = double.NaN, "Resilience:FailureRatio must be above 0 and at most 1 (it is NaN)" },
        { "a short sampling window", o => o.SamplingDuration = TimeSpan.FromMilliseconds(100), "Resilience:SamplingDuration must be 00:00:00.5000000–1.00:00:00 (it is 00:00:00.1000000)" },
        { "a zero break", o => o.BreakDuration = TimeSpan.Zero, "Resilience:BreakDuration must be a positive duration (it is 00:00:00)" },
        { "a break over a day", o => o.BreakDuration = TimeSpan.FromDays(2), "Resilience:BreakDuration must be 00:00:00.5000000–1.00:00:00 (it is 2.00:00:00)" },
        { "a negative probe interval", o => o.ProbeInterval = TimeSpan.FromSeconds(-1), "Resilience:ProbeInterval must be a positive duration (it is -00:00:01)" },
    };

    [Theory]
    [MemberData(nameof(Wrong))]
    public void Refuses(string what, Action<ResilienceOptions> change, string message)
    {
        var options = new ResilienceOptions();
        change(options);
        var failure = Assert.Single(Failures(options));
        Assert.True(failure.StartsWith(message, StringComparison.Ordinal), $"{what}: {failure}");
    }

    [Fact]
    public void Lists_every_wrong_key_at_once()
    {
        var failures = Failures(new ResilienceOptions { MaxAttempts = 0, Timeout = TimeSpan.Zero, FailureRatio = 2 }).ToList();
        Assert.Equal(3, failures.Count);
    }
}
