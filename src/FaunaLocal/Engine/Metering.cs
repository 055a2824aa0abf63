namespace FaunaLocal.Engine;

/// <summary>
/// Counts what a query costs by Fauna's rules: a read op per started 4 KiB of each document read (once per
/// document per query), per started 4 KiB of index entries plus one per extra index partition; a write op per
/// started 1 KiB written; a compute op per 50 function calls, at least one per query. With a budget attached,
/// every op is drawn from it as it is spent.
/// </summary>
public sealed class Metering
{
    private readonly HashSet<(string, long)> _docsRead = [];
    private long _computeCharged;

    public IOpsBudget? Budget { get; set; }

    public long ReadOps { get; private set; }
    public long WriteOps { get; private set; }
    public long Calls { get; private set; }
    public long BytesRead { get; private set; }
    public long BytesWritten { get; private set; }
    public long ComputeOps => Math.Max(1, (Calls + 49) / 50);

    public void DocumentRead(string collection, long id, int size)
    {
        if (!_docsRead.Add((collection, id))) return;
        var ops = Math.Max(1, (size + 4095) / 4096);
        Budget?.Consume(OpKind.Read, ops);
        BytesRead += size;
        ReadOps += ops;
    }

    public void IndexRead(long entryBytes, int partitions)
    {
        var ops = Math.Max(1, (entryBytes + 4095) / 4096) + (partitions - 1);
        Budget?.Consume(OpKind.Read, ops);
        BytesRead += entryBytes;
        ReadOps += ops;
    }

    public void Written(long bytes)
    {
        var ops = Math.Max(1, (bytes + 1023) / 1024);
        Budget?.Consume(OpKind.Write, ops);
        BytesWritten += bytes;
        WriteOps += ops;
    }

    public void Call()
    {
        Calls++;
        ChargeCompute();
    }

    /// <summary>Draws the compute ops counted so far that were not drawn yet (at least one per query).</summary>
    public void ChargeCompute()
    {
        var due = ComputeOps - _computeCharged;
        if (due <= 0 || Budget == null) return;
        Budget.Consume(OpKind.Compute, due);
        _computeCharged += due;
    }
}
