namespace Dashboard.Providers.Tests.Contract;

/// <summary>A clock that always reads the same instant: two writers using it stamp their writes identically.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
