namespace DynamoDbThrottleProxy;

/// <summary>The share of data-plane calls answered with a throttling error (0 = pass everything through).</summary>
public sealed class ThrottleSwitch(double share)
{
    private double _share = Math.Clamp(share, 0, 1);
    private long _passed;
    private long _throttled;

    public double Share
    {
        get => Volatile.Read(ref _share);
        set => Volatile.Write(ref _share, Math.Clamp(value, 0, 1));
    }

    public long Passed => Interlocked.Read(ref _passed);
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>Decides for one call and counts it.</summary>
    public bool ShouldThrottle()
    {
        var throttle = Random.Shared.NextDouble() < Share;
        Interlocked.Increment(ref throttle ? ref _throttled : ref _passed);
        return throttle;
    }
}
