namespace FaunaLocal.Engine;

/// <summary>Thrown at a transaction's first write when others committed since its snapshot: rerun it under the lock.</summary>
public sealed class RestartUnderLockException : Exception;

/// <summary>
/// One query's view of the data: a snapshot taken at its start, plus its own writes applied as they happen.
/// The first write takes the store's writer lock; if the snapshot is stale by then, the query is rerun while
/// holding the lock (counted as a contention retry), so the writes never act on outdated reads.
/// </summary>
public sealed class Transaction
{
    private StoreState _state;
    private readonly List<WriteOp> _ops = [];
    private readonly bool _readOnly;
    private readonly string? _writesRefused;
    private readonly QueryDeadline _deadline;

    public Transaction(Store store, ImmutableArray<string> dbPath, bool readOnly, bool holdsLock, Metering meter, QueryDeadline deadline)
        : this(store, dbPath, store.Snapshot(), readOnly, holdsLock, null, meter, deadline)
    {
    }

    private Transaction(Store store, ImmutableArray<string> dbPath, (StoreState State, long Ts) snapshot, bool readOnly, bool holdsLock,
        string? writesRefused, Metering meter, QueryDeadline deadline)
    {
        Store = store;
        DbPath = dbPath;
        (_state, SnapshotTs) = snapshot;
        _readOnly = readOnly;
        HoldsLock = holdsLock;
        _writesRefused = writesRefused;
        Meter = meter;
        _deadline = deadline;
    }

    /// <summary>A read-only view of a past state, for evaluating an event source's filters and projections.</summary>
    public static Transaction At(Store store, ImmutableArray<string> dbPath, StoreState state, long ts, Metering meter, QueryDeadline deadline, string writesRefused) =>
        new(store, dbPath, (state, ts), readOnly: true, holdsLock: false, writesRefused, meter, deadline);

    public Store Store { get; }
    public ImmutableArray<string> DbPath { get; }
    public Metering Meter { get; }
    public bool HoldsLock { get; private set; }

    /// <summary>The snapshot's time: every commit at or before it is visible, none after it.</summary>
    public long SnapshotTs { get; }

    public long? TxnTs { get; private set; }
    public IReadOnlyList<WriteOp> Ops => _ops;
    public StoreState State => _state;

    /// <summary>Documents this transaction deleted, so their references render with cause "deleted".</summary>
    public HashSet<(string, long)> Deleted { get; } = [];

    public DatabaseState Db => _state.Root.Navigate(DbPath)
        ?? throw new QueryException("unauthorized", "The database of this secret no longer exists.");

    public CollectionState? Collection(string name) => Db.Collections.GetValueOrDefault(name);

    /// <summary>A document that exists at this snapshot: present and not past its ttl.</summary>
    public Document? ReadDocument(string collection, long id)
    {
        var coll = Collection(collection);
        if (coll == null || !coll.Docs.TryGetValue(id, out var doc) || doc.ExpiredAt(SnapshotTs))
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
        if (_writesRefused != null) throw new QueryException("invalid_effect", _writesRefused);
        if (_readOnly) throw new QueryException("forbidden", "This secret's role is read-only.");
        if (!HoldsLock)
        {
            if (!Store.TryLockWrites(_deadline.Remaining)) throw new QueryTimeoutException();
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
