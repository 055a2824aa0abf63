namespace FaunaLocal.Storage;

/// <summary>A document a transaction created, changed or deleted.</summary>
public sealed record DocumentChange(ImmutableArray<string> DbPath, string Collection, long Id);

/// <summary>
/// A committed transaction with the states just before and just after it, so an event source can compare a
/// document's two versions and evaluate its filters and projections against either snapshot.
/// </summary>
public sealed record CommittedTransaction(long Ts, StoreState Before, StoreState After, ImmutableArray<DocumentChange> Changes);

/// <summary>
/// The recent part of the commit log, in memory, totally ordered by transaction time: what event streams and
/// feeds read. Only transactions that touched documents are kept. Entries leave by age (Fauna keeps 15 minutes
/// of history for collections without history_days) or when there are too many; a start time before the
/// horizon can no longer be replayed. Consecutive entries share their states (one's After is the next's
/// Before), so an entry costs the documents it wrote plus the copied paths of the immutable state.
/// </summary>
public sealed class CommitHistory
{
    public sealed record Limits(TimeSpan MaxAge, int MaxTransactions)
    {
        public static readonly Limits Default = new(TimeSpan.FromMinutes(15), 50_000);
    }

    private readonly Limits _limits;
    private readonly Lock _gate = new();
    private readonly CommittedTransaction[] _ring;
    private int _head;
    private int _count;
    private long _evictedThrough;
    private long _lastTs;
    private TaskCompletionSource _next = NewSignal();
    private volatile bool _closed;

    public CommitHistory(long startTs, Limits limits)
    {
        if (limits.MaxTransactions < 1) throw new ArgumentOutOfRangeException(nameof(limits), "History must keep at least one transaction.");
        _limits = limits;
        _ring = new CommittedTransaction[limits.MaxTransactions];
        _evictedThrough = startTs;
        _lastTs = startTs;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The time of the latest commit (with or without document changes).</summary>
    public long LastTs => Interlocked.Read(ref _lastTs);

    /// <summary>Completes at the next commit (or when the server stops). Take it before reading, then wait on it.</summary>
    public Task NextCommit => Volatile.Read(ref _next).Task;

    public bool Closed => _closed;

    /// <summary>Events after this time can be replayed; earlier start times are too far in the past.</summary>
    public long Horizon
    {
        get
        {
            long evicted;
            lock (_gate) evicted = _evictedThrough;
            return Math.Max(evicted, Store.NowMicros() - (long)_limits.MaxAge.TotalMicroseconds);
        }
    }

    /// <summary>Records a commit. Called by the store under its writer lock, so entries arrive in time order.</summary>
    internal void Append(long ts, StoreState before, StoreState after, IReadOnlyList<WriteOp> ops)
    {
        var changes = Changes(ops);
        if (changes.Length > 0)
        {
            var entry = new CommittedTransaction(ts, before, after, changes);
            var oldest = ts - (long)_limits.MaxAge.TotalMicroseconds;
            lock (_gate)
            {
                while (_count > 0 && (_count == _ring.Length || _ring[_head].Ts < oldest)) Evict();
                _ring[(_head + _count) % _ring.Length] = entry;
                _count++;
            }
        }
        Interlocked.Exchange(ref _lastTs, ts);
    }

    private void Evict()
    {
        _evictedThrough = _ring[_head].Ts;
        _ring[_head] = null!;
        _head = (_head + 1) % _ring.Length;
        _count--;
    }

    /// <summary>Wakes everything waiting for a commit.</summary>
    internal void Signal() => Interlocked.Exchange(ref _next, NewSignal()).TrySetResult();

    /// <summary>Stops waiters for good (the server is shutting down).</summary>
    internal void Close()
    {
        _closed = true;
        Signal();
    }

    /// <summary>
    /// Appends the retained transactions with a time after afterTs, oldest first, up to max. False when the
    /// history no longer reaches back to afterTs (entries after it were evicted).
    /// </summary>
    public bool TryRead(long afterTs, int max, List<CommittedTransaction> into)
    {
        lock (_gate)
        {
            if (afterTs < _evictedThrough) return false;
            // Binary search for the first entry after afterTs; times strictly increase along the ring.
            int lo = 0, hi = _count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (_ring[(_head + mid) % _ring.Length].Ts <= afterTs) lo = mid + 1;
                else hi = mid;
            }
            for (var i = lo; i < _count && into.Count < max; i++) into.Add(_ring[(_head + i) % _ring.Length]);
            return true;
        }
    }

    /// <summary>The documents a transaction wrote, each once, in the order first written.</summary>
    private static ImmutableArray<DocumentChange> Changes(IReadOnlyList<WriteOp> ops)
    {
        var seen = new HashSet<(string, string, long)>();
        var changes = ImmutableArray.CreateBuilder<DocumentChange>();
        foreach (var op in ops)
        {
            var change = op switch
            {
                PutDocument p => new DocumentChange(p.Path, p.Collection, p.Doc.Id),
                DeleteDocument d => new DocumentChange(d.Path, d.Collection, d.Id),
                _ => null,
            };
            if (change != null && seen.Add((string.Join('/', change.DbPath), change.Collection, change.Id))) changes.Add(change);
        }
        return changes.ToImmutable();
    }
}
