namespace FaunaLocal.Storage;

/// <summary>
/// The committed state, the single writer lock and the transaction clock. Readers take the current immutable
/// state without locking; a writing transaction holds the lock from its first write to its commit, so commits
/// form one total order and each transaction's time is later than every earlier commit and every snapshot
/// time already handed out.
/// </summary>
public sealed class Store : IDisposable
{
    private const long CompactAfterBytes = 64L * 1024 * 1024;
    private StoreState _state;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly DataDirectory? _data;
    private long _lastId;
    private long _lastIssuedTs;
    private long _pendingTs;

    private Store(StoreState state, DataDirectory? data, CommitHistory.Limits history)
    {
        _state = state;
        _data = data;
        _lastIssuedTs = state.LastTs;
        History = new CommitHistory(state.LastTs, history);
    }

    public static Store InMemory(CommitHistory.Limits? history = null) => new(StoreState.Empty, null, history ?? CommitHistory.Limits.Default);

    public static Store Open(string directory, CommitHistory.Limits? history = null)
    {
        var data = DataDirectory.Open(directory);
        return new Store(data.Recovered, data, history ?? CommitHistory.Limits.Default);
    }

    public DataDirectory? Data => _data;
    public StoreState Current => Volatile.Read(ref _state);

    /// <summary>Recent commits with the states around them, for event streams and feeds.</summary>
    public CommitHistory History { get; }

    public bool TryLockWrites(TimeSpan timeout) => _writeLock.Wait(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout);

    public void UnlockWrites()
    {
        // A transaction that took a time but did not commit (error, abort, restart) leaves nothing pending.
        Volatile.Write(ref _pendingTs, 0);
        _writeLock.Release();
    }

    /// <summary>
    /// A consistent snapshot and its time: every commit at or before the time is in the state and every later
    /// commit gets a later time. The time is the clock's now (never 0, moving forward between queries) unless a
    /// commit that already holds an earlier time is still being made durable; then the snapshot is just before it.
    /// </summary>
    public (StoreState State, long Ts) Snapshot()
    {
        var ts = IssueReadTs(NowMicros());
        var pending = Volatile.Read(ref _pendingTs);
        var state = Current;
        if (pending != 0 && pending <= ts && state.LastTs < pending) ts = pending - 1;
        return (state, Math.Max(ts, state.LastTs));
    }

    /// <summary>The time of the transaction holding the writer lock: later than every commit and snapshot so far.</summary>
    public long NextTxnTs()
    {
        while (true)
        {
            var last = Interlocked.Read(ref _lastIssuedTs);
            var ts = Math.Max(NowMicros(), last + 1);
            // Published before the time itself, so a reader that sees the time also sees it pending.
            Volatile.Write(ref _pendingTs, ts);
            if (Interlocked.CompareExchange(ref _lastIssuedTs, ts, last) == last) return ts;
        }
    }

    /// <summary>Raises the clock to at least the candidate, so later commits get later times; snapshots may share one.</summary>
    private long IssueReadTs(long candidate)
    {
        while (true)
        {
            var last = Interlocked.Read(ref _lastIssuedTs);
            var ts = Math.Max(candidate, last);
            if (ts == last || Interlocked.CompareExchange(ref _lastIssuedTs, ts, last) == last) return ts;
        }
    }

    public static long NowMicros() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    /// <summary>Makes a transaction durable, records it for event sources, then makes it visible. Caller holds the writer lock.</summary>
    public void Commit(StoreState newState, long ts, IReadOnlyList<WriteOp> ops)
    {
        _data?.Append(ts, ops);
        var before = Current;
        var committed = newState with { LastTs = ts };
        History.Append(ts, before, committed, ops);
        Volatile.Write(ref _state, committed);
        Volatile.Write(ref _pendingTs, 0);
        History.Signal();
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
        History.Close();
        _data?.Dispose();
        _writeLock.Dispose();
    }
}
