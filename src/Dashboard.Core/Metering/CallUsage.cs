namespace Dashboard.Core.Metering;

/// <summary>A throttling answer from a backend, one per attempt, in the provider's words.</summary>
/// <param name="Cause">e.g. "ProvisionedThroughputExceededException", "MySQL 1040 Too many connections", "Fauna 429 limit_exceeded".</param>
/// <param name="Retried">True when a retry followed; false when it surfaced to the caller.</param>
public sealed record ThrottleEvent(DateTimeOffset At, string Cause, bool Retried);

/// <summary>
/// What one store call consumed: units and throttle events, filled in by the provider while the call runs.
/// Thread-safe because SDK handlers may report from other threads of the same logical call.
/// </summary>
public sealed class CallUsage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<UsageUnit, double> _units = [];
    private readonly List<ThrottleEvent> _throttles = [];

    public void Add(UsageUnit unit, double amount)
    {
        if (amount == 0) return;
        lock (_gate) _units[unit] = _units.GetValueOrDefault(unit) + amount;
    }

    public void RecordThrottle(string cause, bool retried, DateTimeOffset? at = null)
    {
        lock (_gate) _throttles.Add(new ThrottleEvent(at ?? DateTimeOffset.UtcNow, cause, retried));
    }

    public IReadOnlyDictionary<UsageUnit, double> Units
    {
        get { lock (_gate) return new Dictionary<UsageUnit, double>(_units); }
    }

    public IReadOnlyList<ThrottleEvent> Throttles
    {
        get { lock (_gate) return _throttles.ToList(); }
    }
}
