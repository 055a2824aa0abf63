using System.Collections.Concurrent;
using FaunaLocal.Engine;

namespace FaunaLocal.Server;

/// <summary>Counts each secret's ops in one-second windows against the configured limits.</summary>
public sealed class RateLimiter(RateLimits limits, TimeProvider clock)
{
    private sealed class Window
    {
        public long Second;
        public long Read, Write, Compute;
    }

    private readonly ConcurrentDictionary<string, Window> _windows = new();

    public bool Enabled => limits.Enabled;

    private Window Current(string secret)
    {
        var second = clock.GetUtcNow().ToUnixTimeSeconds();
        var w = _windows.GetOrAdd(secret, _ => new Window { Second = second });
        lock (w)
        {
            if (w.Second != second)
            {
                w.Second = second;
                w.Read = w.Write = w.Compute = 0;
            }
        }
        return w;
    }

    /// <summary>The limits this second's budget has already used up (with hard limits the query is refused).</summary>
    public List<string> Exhausted(string secret)
    {
        if (!limits.Enabled) return [];
        var w = Current(secret);
        lock (w) return Over(w, orEqual: true);
    }

    /// <summary>Adds a query's ops; returns the limits the second's total now exceeds.</summary>
    public List<string> Record(string secret, Metering m)
    {
        if (!limits.Enabled) return [];
        var w = Current(secret);
        lock (w)
        {
            w.Read += m.ReadOps;
            w.Write += m.WriteOps;
            w.Compute += m.ComputeOps;
            return Over(w, orEqual: false);
        }
    }

    private List<string> Over(Window w, bool orEqual)
    {
        var hit = new List<string>();
        if (Exceeds(w.Read, limits.Read, orEqual)) hit.Add("read");
        if (Exceeds(w.Write, limits.Write, orEqual)) hit.Add("write");
        if (Exceeds(w.Compute, limits.Compute, orEqual)) hit.Add("compute");
        return hit;
    }

    private static bool Exceeds(long used, long? limit, bool orEqual) => limit != null && (orEqual ? used >= limit : used > limit);
}
