namespace Dashboard.Operations.Metering.Rolling;

/// <summary>The most recent throttle events (a fixed-size ring: the oldest fall off first).</summary>
public sealed class ThrottleLog(int capacity = ThrottleLog.DefaultCapacity)
{
    public const int DefaultCapacity = 2000;

    private readonly ThrottleRecord?[] _ring = new ThrottleRecord?[capacity];
    private readonly Lock _gate = new();
    private long _written;

    public int Capacity => _ring.Length;

    /// <summary>Every event ever added (the ring holds at most <see cref="Capacity"/> of them).</summary>
    public long TotalAdded
    {
        get { lock (_gate) return _written; }
    }

    public void Add(ThrottleRecord record)
    {
        lock (_gate) _ring[_written++ % _ring.Length] = record;
    }

    /// <summary>Events at or after <paramref name="since"/>, newest first.</summary>
    public IReadOnlyList<ThrottleRecord> Since(DateTimeOffset since)
    {
        lock (_gate)
        {
            var result = new List<ThrottleRecord>();
            var kept = (int)Math.Min(_written, _ring.Length);
            for (var n = 1; n <= kept; n++)
            {
                var record = _ring[(_written - n) % _ring.Length]!;
                if (record.At < since) break;
                result.Add(record);
            }
            return result;
        }
    }
}
