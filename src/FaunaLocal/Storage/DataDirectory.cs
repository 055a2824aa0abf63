namespace FaunaLocal.Storage;

/// <summary>
/// Durable storage in a directory: `snapshot.json` (the state at some transaction time) plus `txlog.bin`
/// (transactions committed after it). Opening replays the log over the snapshot, then compacts: writes a new
/// snapshot atomically (temp file, fsync, rename) and empties the log. Log records at or below the
/// snapshot's time are skipped, so a crash between the rename and the truncation replays nothing twice.
/// </summary>
public sealed class DataDirectory : IDisposable
{
    private readonly string _dir;
    private readonly TransactionLog _log;

    public StoreState Recovered { get; }
    public int RecoveredTransactions { get; }
    public int DroppedTailBytes { get; }

    private DataDirectory(string dir, TransactionLog log, StoreState recovered, int replayed, int dropped)
    {
        _dir = dir;
        _log = log;
        Recovered = recovered;
        RecoveredTransactions = replayed;
        DroppedTailBytes = dropped;
    }

    private string SnapshotPath => Path.Combine(_dir, "snapshot.json");

    public static DataDirectory Open(string dir)
    {
        Directory.CreateDirectory(dir);
        var snapshotPath = Path.Combine(dir, "snapshot.json");
        var state = StoreState.Empty;
        if (File.Exists(snapshotPath))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(snapshotPath));
            state = StorageCodec.ReadSnapshot(doc.RootElement);
        }
        var replayed = 0;
        var log = TransactionLog.Open(Path.Combine(dir, "txlog.bin"), payload =>
        {
            var (ts, ops) = StorageCodec.DecodeRecord(payload);
            if (ts <= state.LastTs) return;
            foreach (var op in ops) state = op.Apply(state, ts);
            state = state with { LastTs = ts };
            replayed++;
        }, out var dropped);
        var data = new DataDirectory(dir, log, state, replayed, dropped);
        if (log.Length > 0) data.Compact(state);
        return data;
    }

    public long LogLength => _log.Length;

    public void Append(long ts, IReadOnlyList<WriteOp> ops) => _log.Append(StorageCodec.EncodeRecord(ts, ops));

    /// <summary>Writes the state as the new snapshot and empties the log. Call only while no commit can run.</summary>
    public void Compact(StoreState state)
    {
        var tmp = SnapshotPath + ".tmp";
        using (var f = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            StorageCodec.WriteSnapshot(f, state);
            f.Flush(flushToDisk: true);
        }
        File.Move(tmp, SnapshotPath, overwrite: true);
        _log.Truncate();
    }

    public void Dispose() => _log.Dispose();
}
