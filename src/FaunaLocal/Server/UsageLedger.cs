using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace FaunaLocal.Server;

/// <summary>
/// The ops this server has reported spent, per database since it started: the read, write and compute ops in the
/// stats of every query answer, stream event and feed page, which is what Fauna bills. Read at <see cref="UsageEndpoint"/>,
/// so a client's own metering can be checked against the server's count.
/// </summary>
public sealed class UsageLedger
{
    private readonly ConcurrentDictionary<string, long[]> _totals = new(StringComparer.Ordinal);

    public void Charge(ImmutableArray<string> database, Metering m) => Charge(database, m.ReadOps, m.WriteOps, m.ComputeOps);

    public void Charge(ImmutableArray<string> database, long read, long write, long compute)
    {
        var totals = _totals.GetOrAdd(Key(database), _ => new long[3]);
        Interlocked.Add(ref totals[0], read);
        Interlocked.Add(ref totals[1], write);
        Interlocked.Add(ref totals[2], compute);
    }

    /// <summary>The database's own ops (not its children's).</summary>
    public (long Read, long Write, long Compute) Of(ImmutableArray<string> database) =>
        _totals.TryGetValue(Key(database), out var t)
            ? (Interlocked.Read(ref t[0]), Interlocked.Read(ref t[1]), Interlocked.Read(ref t[2]))
            : (0, 0, 0);

    // Database names cannot hold a slash.
    private static string Key(ImmutableArray<string> database) => string.Join('/', database);
}
