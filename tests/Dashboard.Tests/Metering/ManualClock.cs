namespace Dashboard.Tests.Metering;

/// <summary>A clock the test moves by hand, so a day of slots can be written in milliseconds.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
