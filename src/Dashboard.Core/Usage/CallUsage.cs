using System.Runtime.CompilerServices;

namespace Dashboard.Core.Usage;

/// <summary>A throttling answer from a backend, one per attempt, in the provider's words.</summary>
/// <param name="Cause">e.g. "ProvisionedThroughputExceededException", "MySQL 1040 Too many connections", "Fauna 429 limit_exceeded".</param>
/// <param name="Retried">True when a retry followed; false when it surfaced to the caller.</param>
public sealed record ThrottleEvent(DateTimeOffset At, string Cause, bool Retried);

/// <summary>One value per <see cref="UsageUnit"/>, inline (no array on the heap).</summary>
[InlineArray(UsageUnits.Count)]
public struct UnitAmounts
{
    private double _first;

    public double Sum()
    {
        var total = 0d;
        foreach (var v in this) total += v;
        return total;
    }
}

/// <summary>
/// What one store call consumed: units and throttle events, filled in by the provider while the call runs.
/// Thread-safe because SDK handlers may report from other threads of the same logical call. Nothing is
/// allocated until something is reported, so a call that reports nothing costs one small object.
/// </summary>
public sealed class CallUsage
{
    private readonly Lock _gate = new();
    private UnitAmounts _units;
    private bool _hasUnits;
    private List<ThrottleEvent>? _throttles;

    public void Add(UsageUnit unit, double amount)
    {
        if (amount == 0) return;
        lock (_gate)
        {
            _units[(int)unit] += amount;
            _hasUnits = true;
        }
    }

    public void RecordThrottle(string cause, bool retried, DateTimeOffset? at = null)
    {
        lock (_gate) (_throttles ??= []).Add(new ThrottleEvent(at ?? DateTimeOffset.UtcNow, cause, retried));
    }

    /// <summary>Units with a non-zero amount.</summary>
    public IReadOnlyDictionary<UsageUnit, double> Units
    {
        get
        {
            lock (_gate)
            {
                var result = new Dictionary<UsageUnit, double>();
                if (!_hasUnits) return result;
                for (var i = 0; i < UsageUnits.Count; i++)
                    if (_units[i] != 0) result[(UsageUnit)i] = _units[i];
                return result;
            }
        }
    }

    /// <summary>All units at once, without allocating (the metering hot path).</summary>
    public UnitAmounts UnitAmounts
    {
        get { lock (_gate) return _units; }
    }

    public bool HasUnits
    {
        get { lock (_gate) return _hasUnits; }
    }

    public IReadOnlyList<ThrottleEvent> Throttles
    {
        get { lock (_gate) return _throttles is null ? [] : _throttles.ToList(); }
    }

    public int ThrottleCount
    {
        get { lock (_gate) return _throttles?.Count ?? 0; }
    }

    /// <summary>
    /// Re-marks the last throttle event (if any after <paramref name="sinceCount"/>) as retried or surfaced: a
    /// provider marks its final throttle "surfaced", but an outer retry may still follow. Returns false when the
    /// provider recorded no event for its throttled answer since then.
    /// </summary>
    public bool MarkLastThrottle(int sinceCount, bool retried)
    {
        lock (_gate)
        {
            if (_throttles is null || _throttles.Count <= sinceCount) return false;
            var last = _throttles[^1];
            if (last.Retried != retried) _throttles[^1] = last with { Retried = retried };
            return true;
        }
    }
}
