using Dashboard.Core.Alerts;

namespace Dashboard.Tests.Leases;

/// <summary>
/// The real lease store behind a switch that makes the next renewals fail (an app store that cannot be reached) or
/// hang until given up, and a record of every call: when it was made (the caller's clock) and how it ended.
/// </summary>
internal sealed class FlakyFleetLease(IFleetLease real) : IFleetLease
{
    private readonly Lock _gate = new();
    private readonly List<LeaseCall> _calls = [];
    private int _failNext;
    private bool _hang;
    private int _inFlight;

    public sealed record LeaseCall(string Holder, DateTimeOffset Now, string Outcome);

    /// <summary>The next <paramref name="count"/> calls throw before reaching the store (int.MaxValue: all of them).</summary>
    public void FailNext(int count) => Volatile.Write(ref _failNext, count);

    /// <summary>Every call from now on waits until its caller gives up.</summary>
    public void Hang() => _hang = true;

    /// <summary>Calls started and not yet ended.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public IReadOnlyList<LeaseCall> Calls
    {
        get { lock (_gate) return [.. _calls]; }
    }

    public async Task<bool> TryAcquireAsync(string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken ct)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            return await CallAsync(name, holder, now, duration, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<bool> CallAsync(string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken ct)
    {
        if (_hang)
        {
            Record(holder, now, "hung");
            await Task.Delay(Timeout.Infinite, ct);
        }
        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            Record(holder, now, "failed");
            throw new InvalidOperationException("the app store is unreachable (test)");
        }
        Interlocked.Exchange(ref _failNext, 0);
        var taken = await real.TryAcquireAsync(name, holder, now, duration, ct);
        Record(holder, now, taken ? "renewed" : "refused");
        return taken;
    }

    public Task ReleaseAsync(string name, string holder, CancellationToken ct) => real.ReleaseAsync(name, holder, ct);

    private void Record(string holder, DateTimeOffset now, string outcome)
    {
        lock (_gate) _calls.Add(new LeaseCall(holder, now, outcome));
    }
}
