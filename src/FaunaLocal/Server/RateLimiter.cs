using System.Collections.Concurrent;

namespace FaunaLocal.Server;

/// <summary>
/// Each secret's read/write/compute ops in one-second windows, against the configured limits. A query first
/// reserves what the last query of the same shape cost; with hard limits it is refused (429) when that does
/// not fit. While it runs it draws its ops from the reservation and then from what is left, and is stopped
/// the moment it would pass a hard limit; afterwards the unused part of the reservation is given back. So a
/// burst of concurrent queries cannot spend more than the limit, whatever each one turns out to cost.
/// One exception, as in Fauna's limiter: a query alone in its window (nobody else spent or reserved anything
/// this second) may go over, so a single query bigger than a second's budget can still run; what it spent
/// beyond the limit is a debt the following seconds start with, so the rate over time stays within it.
/// </summary>
public sealed class RateLimiter(RateLimits limits, TimeProvider clock)
{
    private const int MaxRememberedShapes = 10_000;

    internal sealed class Window
    {
        public long Second;
        public readonly long[] Used = new long[3];
        public readonly long[] Reserved = new long[3];
    }

    private readonly ConcurrentDictionary<string, Window> _windows = new();
    private readonly ConcurrentDictionary<(string Secret, int Shape), long[]> _lastCost = new();
    private readonly long?[] _limits = [limits.Read, limits.Write, limits.Compute];
    private readonly bool _hard = limits.Hard;

    public bool Enabled => limits.Enabled;

    private Window Current(string secret) => _windows.GetOrAdd(secret, _ => new Window { Second = Second() });

    private long Second() => clock.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>
    /// Starts a new second's window: reservations lapse, and what was spent beyond the limit is carried over as
    /// a debt that each elapsed second's budget pays off. Call with the window locked.
    /// </summary>
    private void Roll(Window w)
    {
        var second = Second();
        if (w.Second == second) return;
        var elapsed = second - w.Second;
        w.Second = second;
        for (var k = 0; k < 3; k++) w.Used[k] = _limits[k] is { } limit ? Math.Max(0, w.Used[k] - limit * elapsed) : 0;
        Array.Clear(w.Reserved);
    }

    /// <summary>
    /// Reserves the expected cost of a query of this shape. Returns the reservation to run the query with, or
    /// null when limits are off. With hard limits, `refused` lists the limits the reservation did not fit.
    /// </summary>
    public Reservation? Admit(string secret, int shape, out List<string> refused)
    {
        refused = [];
        if (!limits.Enabled) return null;
        var estimate = _lastCost.TryGetValue((secret, shape), out var cost) ? (long[])cost.Clone() : [0, 0, 1];
        var w = Current(secret);
        lock (w)
        {
            Roll(w);
            for (var k = 0; k < 3; k++)
            {
                if (_limits[k] is not { } limit) continue;
                var committed = w.Used[k] + w.Reserved[k];
                // A query that would be alone in the window is let in even when it is bigger than the budget.
                if (committed + estimate[k] > limit && committed > 0) refused.Add(Name(k));
            }
            if (refused.Count > 0 && limits.Hard) return null;
            for (var k = 0; k < 3; k++) w.Reserved[k] += estimate[k];
            return new Reservation(this, secret, shape, w, w.Second, estimate);
        }
    }

    /// <summary>Records ops spent outside a query (stream and feed events); returns the limits now exceeded.</summary>
    public List<string> Record(string secret, Metering m) => Record(secret, m.ReadOps, m.WriteOps, m.ComputeOps);

    public List<string> Record(string secret, long read, long write, long compute)
    {
        if (!limits.Enabled) return [];
        var w = Current(secret);
        lock (w)
        {
            Roll(w);
            w.Used[0] += read;
            w.Used[1] += write;
            w.Used[2] += compute;
            return Over(w);
        }
    }

    private List<string> Over(Window w)
    {
        var hit = new List<string>();
        for (var k = 0; k < 3; k++)
            if (_limits[k] is { } limit && w.Used[k] > limit) hit.Add(Name(k));
        return hit;
    }

    private static string Name(int kind) => ((OpKind)kind).ToString().ToLowerInvariant();

    /// <summary>A query's reserved ops: it draws from them first, then from what its secret has left.</summary>
    public sealed class Reservation : IOpsBudget
    {
        private readonly RateLimiter _limiter;
        private readonly string _secret;
        private readonly int _shape;
        private readonly Window _window;
        private readonly long[] _remaining;
        private readonly long[] _spent = new long[3];
        private long _second;

        internal Reservation(RateLimiter limiter, string secret, int shape, Window window, long second, long[] reserved)
        {
            _limiter = limiter;
            _secret = secret;
            _shape = shape;
            _window = window;
            _second = second;
            _remaining = reserved;
        }

        public void Consume(OpKind kind, long ops)
        {
            var k = (int)kind;
            lock (_window)
            {
                _limiter.Roll(_window);
                // A reservation belongs to the second it was made in; in a new second it is gone.
                if (_window.Second != _second)
                {
                    Array.Clear(_remaining);
                    Array.Clear(_spent);
                    _second = _window.Second;
                }
                var fromReservation = Math.Min(_remaining[k], ops);
                _remaining[k] -= fromReservation;
                _window.Reserved[k] -= fromReservation;
                var rest = ops - fromReservation;
                var othersActive = _window.Used[k] - _spent[k] + _window.Reserved[k] - _remaining[k] > 0;
                if (rest > 0 && _limiter._hard && _limiter._limits[k] is { } limit && _window.Used[k] + _window.Reserved[k] + rest > limit && othersActive)
                {
                    _window.Used[k] += fromReservation;
                    _spent[k] += fromReservation;
                    throw new OpsLimitException(kind);
                }
                _window.Used[k] += ops;
                _spent[k] += ops;
            }
        }

        /// <summary>Gives back what was reserved but not spent and remembers the cost; returns the limits exceeded (soft limits).</summary>
        public List<string> Settle(Metering actual) => Settle(actual.ReadOps, actual.WriteOps, actual.ComputeOps);

        public List<string> Settle(long read, long write, long compute)
        {
            if (_limiter._lastCost.Count > MaxRememberedShapes) _limiter._lastCost.Clear();
            _limiter._lastCost[(_secret, _shape)] = [read, write, compute];
            lock (_window)
            {
                _limiter.Roll(_window);
                if (_window.Second == _second)
                    for (var k = 0; k < 3; k++) _window.Reserved[k] -= _remaining[k];
                Array.Clear(_remaining);
                return _limiter.Over(_window);
            }
        }
    }
}
