namespace Dashboard.Providers.DynamoDb.Client;

/// <summary>
/// The throttling answers seen during the store call in progress, one per HTTP attempt (the SDK's own retries
/// included). The store opens it around each call; <see cref="ThrottleCountingHandler"/> fills it in.
/// </summary>
internal sealed class ThrottleAttempts
{
    private static readonly AsyncLocal<ThrottleAttempts?> Ambient = new();
    private readonly Lock _gate = new();
    private readonly List<string> _causes = [];

    public static ThrottleAttempts? Current => Ambient.Value;

    /// <summary>Every throttling answer seen in this process, for tests and the benchmark.</summary>
    public static long Total => Interlocked.Read(ref _total);
    private static long _total;

    public static ThrottleAttempts Begin()
    {
        var attempts = new ThrottleAttempts();
        Ambient.Value = attempts;
        return attempts;
    }

    public void Add(string cause)
    {
        Interlocked.Increment(ref _total);
        lock (_gate) _causes.Add(cause);
    }

    public IReadOnlyList<string> Causes
    {
        get { lock (_gate) return _causes.ToList(); }
    }
}
