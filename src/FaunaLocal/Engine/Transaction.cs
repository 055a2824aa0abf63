using System.Collections.Immutable;
using FaunaLocal.Storage;

namespace FaunaLocal.Engine;

/// <summary>Thrown at a transaction's first write when others committed since its snapshot: rerun it under the lock.</summary>
public sealed class RestartUnderLockException : Exception;

/// <summary>
/// One query's view of the data: a snapshot taken at its start, plus its own writes applied as they happen.
/// The first write takes the store's writer lock; if the snapshot is stale by then, the query is rerun while
/// holding the lock (counted as a contention retry), so the writes never act on outdated reads.
/// </summary>
public sealed class Transaction(Store store, ImmutableArray<string> dbPath, bool readOnly, bool holdsLock, Metering meter, long deadlineTicks)
{
    private StoreState _state = store.Current;
    private readonly List<WriteOp> _ops = [];

    public Store Store { get; } = store;
    public ImmutableArray<string> DbPath { get; } = dbPath;
    public Metering Meter { get; } = meter;
    public bool HoldsLock { get; private set; } = holdsLock;
    public long SnapshotTs => _state.LastTs;
    public long? TxnTs { get; private set; }
    public IReadOnlyList<WriteOp> Ops => _ops;
    public StoreState State => _state;

    /// <summary>Documents this transaction deleted, so their references render with cause "deleted".</summary>
    public HashSet<(string, long)> Deleted { get; } = [];

    public DatabaseState Db => _state.Root.Navigate(DbPath)
        ?? throw new QueryException("unauthorized", "The database of this secret no longer exists.");

    public CollectionState? Collection(string name) => Db.Collections.GetValueOrDefault(name);

    public Document? ReadDocument(string collection, long id)
    {
        var coll = Collection(collection);
        if (coll == null || !coll.Docs.TryGetValue(id, out var doc))
        {
            Meter.DocumentRead(collection, id, 0);
            return null;
        }
        Meter.DocumentRead(collection, id, doc.Size);
        return doc;
    }

    /// <summary>The time this transaction's writes commit at; taking it takes the writer lock.</summary>
    public long WriteTs
    {
        get
        {
            BeginWrite();
            return TxnTs!.Value;
        }
    }

    public void Write(WriteOp op, long meteredBytes)
    {
        BeginWrite();
        _state = op.Apply(_state, TxnTs!.Value);
        _ops.Add(op);
        Meter.Written(meteredBytes);
    }

    private void BeginWrite()
    {
        if (TxnTs != null) return;
        if (readOnly) throw new QueryException("forbidden", "This secret's role is read-only.");
        if (!HoldsLock)
        {
            var wait = TimeSpan.FromMilliseconds(Math.Max(0, deadlineTicks - Environment.TickCount64));
            if (!Store.TryLockWrites(wait)) throw new QueryTimeoutException();
            HoldsLock = true;
            if (Store.Current.LastTs != _state.LastTs) throw new RestartUnderLockException();
        }
        TxnTs = Store.NextTxnTs();
    }

    public void Commit()
    {
        if (_ops.Count > 0) Store.Commit(_state, TxnTs!.Value, _ops);
    }

    public void ReleaseLock()
    {
        if (!HoldsLock) return;
        HoldsLock = false;
        Store.UnlockWrites();
    }
}

/// <summary>The query ran past its X-Query-Timeout-Ms deadline.</summary>
public sealed class QueryTimeoutException : Exception;
