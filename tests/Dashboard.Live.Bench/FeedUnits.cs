using Dashboard.Core.Stores;
using Dashboard.Core.Usage;
using Dashboard.Operations.Metering;

namespace Dashboard.Live.Bench;

/// <summary>What the change feeds' own reads cost (the calls metered as live updates), since the last <see cref="Take"/>.</summary>
public sealed class FeedUnits : IStoreCallSink
{
    private readonly Lock _gate = new();
    private readonly double[] _units = new double[UsageUnits.Count];
    private long _calls;

    public void Record(in StoreCall call)
    {
        if (call.Series.Operation != StoreOperation.LiveUpdates) return;
        lock (_gate)
        {
            _calls++;
            foreach (var (unit, amount) in call.Usage.Units) _units[(int)unit] += amount;
        }
    }

    /// <summary>The calls and units since the last take, and starts counting again.</summary>
    public (long Calls, Dictionary<UsageUnit, double> Units) Take()
    {
        lock (_gate)
        {
            var units = UsageUnits.All.Where(u => _units[(int)u] != 0).ToDictionary(u => u, u => _units[(int)u]);
            var calls = _calls;
            Array.Clear(_units);
            _calls = 0;
            return (calls, units);
        }
    }
}
