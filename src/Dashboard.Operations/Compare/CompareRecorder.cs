using System.Diagnostics;

namespace Dashboard.Operations.Compare;

/// <summary>
/// The metering sink of one provider's scratch store during a comparison: every call's latency by operation,
/// how it ended, its throttle answers and units, and per-second counts for the live charts. Calls made before
/// <see cref="Start"/> (schema, seeding) are not counted.
/// </summary>
public sealed class CompareRecorder : IStoreCallSink
{
    private readonly Lock _gate = new();
    private readonly Dictionary<StoreOperation, List<double>> _latencies = [];
    private readonly double[] _units = new double[UsageUnits.Count];
    private readonly List<double[]> _unitsBySecond = [];
    private readonly List<int> _callsBySecond = [];
    private readonly List<List<double>> _latencyBySecond = [];
    private long _started;
    private bool _recording;

    public long Calls { get; private set; }
    public long Failed { get; private set; }
    public long Throttles { get; private set; }
    public long ThrottlesSurfaced { get; private set; }

    public void Start()
    {
        lock (_gate)
        {
            _started = Stopwatch.GetTimestamp();
            _recording = true;
        }
    }

    public void Stop()
    {
        lock (_gate) _recording = false;
    }

    public void Record(in StoreCall call)
    {
        lock (_gate)
        {
            if (!_recording) return;
            var op = call.Series.Operation;
            if (!_latencies.TryGetValue(op, out var list)) _latencies[op] = list = [];
            var ms = call.Duration.TotalMilliseconds;
            list.Add(ms);
            Calls++;
            if (StoreOutcomes.IsFailure(call.Outcome)) Failed++;
            if (call.Outcome == StoreOutcome.Throttled) ThrottlesSurfaced++;
            Throttles += call.Usage.ThrottleCount;
            var second = (int)Stopwatch.GetElapsedTime(_started).TotalSeconds;
            while (_callsBySecond.Count <= second)
            {
                _callsBySecond.Add(0);
                _latencyBySecond.Add([]);
                _unitsBySecond.Add(new double[UsageUnits.Count]);
            }
            _callsBySecond[second]++;
            _latencyBySecond[second].Add(ms);
            foreach (var (unit, amount) in call.Usage.Units)
            {
                _units[(int)unit] += amount;
                _unitsBySecond[second][(int)unit] += amount;
            }
        }
    }

    /// <summary>Calls per whole second since <see cref="Start"/> (the live chart's ops/s line).</summary>
    public double[] CallsPerSecond()
    {
        lock (_gate) return _callsBySecond.Select(c => (double)c).ToArray();
    }

    /// <summary>Each second's p95 latency in ms (0 for a second without calls).</summary>
    public double[] P95BySecond()
    {
        lock (_gate) return _latencyBySecond.Select(l => l.Count == 0 ? 0 : Percentile(l, 0.95)).ToArray();
    }

    public double[] Units()
    {
        lock (_gate) return (double[])_units.Clone();
    }

    /// <summary>The highest units any one second used, per unit (what provisioned capacity would have to cover).</summary>
    public double[] PeakUnitsPerSecond()
    {
        lock (_gate)
        {
            var peak = new double[UsageUnits.Count];
            foreach (var second in _unitsBySecond)
                for (var i = 0; i < peak.Length; i++) peak[i] = Math.Max(peak[i], second[i]);
            return peak;
        }
    }

    public IReadOnlyList<OperationLatency> Operations()
    {
        lock (_gate)
            return _latencies.OrderBy(e => e.Key)
                .Select(e => new OperationLatency(StoreOperations.Name(e.Key), e.Value.Count,
                    Percentile(e.Value, 0.50), Percentile(e.Value, 0.95), Percentile(e.Value, 0.99)))
                .ToList();
    }

    /// <summary>Every call's latency together, as operation "all".</summary>
    public OperationLatency Overall()
    {
        lock (_gate)
        {
            var all = _latencies.Values.SelectMany(v => v).ToList();
            return new OperationLatency("all", all.Count, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99));
        }
    }

    /// <summary>Nearest-rank percentile of the values (sorted copy; the recorder keeps its order).</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
