namespace FaunaLocal.Storage;

/// <summary>
/// The committed state and the single writer lock. Readers take the current immutable state without locking;
/// a writing transaction holds the lock from its first write to its commit, so commits form one total order
/// and each transaction's time is later than every earlier commit.
/// </summary>
public sealed class Store : IDisposable
{
    private const long CompactAfterBytes = 64L * 1024 * 1024;
    private StoreState _state;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly DataDirectory? _data;
    private long _lastId;

    private Store(StoreState state, DataDirectory? data)
    {
        _state = state;
        _data = data;
    }

    public static Store InMemory() => new(StoreState.Empty, null);

    public static Store Open(string directory)
    {
        var data = DataDirectory.Open(directory);
        return new Store(data.Recovered, data);
    }

    public DataDirectory? Data => _data;
    public StoreState Current => Volatile.Read(ref _state);

    public bool TryLockWrites(TimeSpan timeout) => _writeLock.Wait(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout);

    public void UnlockWrites() => _writeLock.Release();

    /// <summary>The next transaction time in microseconds: now, or just after the last commit if the clock lags.</summary>
    public long NextTxnTs() => Math.Max(NowMicros(), Current.LastTs + 1);

    public static long NowMicros() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    /// <summary>Makes a transaction durable, then visible. Caller holds the writer lock.</summary>
    public void Commit(StoreState newState, long ts, IReadOnlyList<WriteOp> ops)
    {
        _data?.Append(ts, ops);
        var committed = newState with { LastTs = ts };
        Volatile.Write(ref _state, committed);
        if (_data != null && _data.LogLength > CompactAfterBytes) _data.Compact(committed);
    }

    /// <summary>A fresh document id: time-ordered like Fauna's, unique within this server.</summary>
    public long NewId()
    {
        var candidate = (NowMicros() - 1_577_836_800_000_000L) << 8;
        while (true)
        {
            var last = Interlocked.Read(ref _lastId);
            var next = Math.Max(candidate, last + 1);
            if (Interlocked.CompareExchange(ref _lastId, next, last) == last) return next;
        }
    }

    public void Dispose()
    {
        _data?.Dispose();
        _writeLock.Dispose();
    }
}
