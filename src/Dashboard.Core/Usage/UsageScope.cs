namespace Dashboard.Core.Usage;

/// <summary>
/// The ambient <see cref="CallUsage"/> of the store call in progress. The metering decorator opens a scope
/// around each call; providers (and their SDK handlers, which run in the same async flow) report into
/// <see cref="Current"/> without knowing who listens. Outside a scope reports are dropped.
/// </summary>
public static class UsageScope
{
    private static readonly AsyncLocal<CallUsage?> Ambient = new();

    public static CallUsage? Current => Ambient.Value;

    /// <summary>Opens a scope; dispose it to restore the outer one.</summary>
    public static Scope Begin(out CallUsage usage)
    {
        var previous = Ambient.Value;
        usage = new CallUsage();
        Ambient.Value = usage;
        return new Scope(previous);
    }

    /// <summary>Shorthand for providers: adds to the current call's usage if one is being metered.</summary>
    public static void Add(UsageUnit unit, double amount) => Ambient.Value?.Add(unit, amount);

    public static void RecordThrottle(string cause, bool retried) => Ambient.Value?.RecordThrottle(cause, retried);

    public readonly struct Scope(CallUsage? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
