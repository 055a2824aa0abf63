namespace FaunaLocal.Engine;

/// <summary>
/// Counts what a query costs by Fauna's rules: a read op per started 4 KiB of each document read (once per
/// document per query), per started 4 KiB of index entries plus one per extra index partition; a write op per
/// started 1 KiB written; a compute op per 50 function calls, at least one per query.
/// </summary>
public sealed class Metering
{
    private readonly HashSet<(string, long)> _docsRead = [];

    public long ReadOps { get; private set; }
    public long WriteOps { get; private set; }
    public long Calls { get; private set; }
    public long BytesRead { get; private set; }
    public long BytesWritten { get; private set; }
    public long ComputeOps => Math.Max(1, (Calls + 49) / 50);

    public void DocumentRead(string collection, long id, int size)
    {
        if (!_docsRead.Add((collection, id))) return;
        BytesRead += size;
        ReadOps += Math.Max(1, (size + 4095) / 4096);
    }

    public void IndexRead(long entryBytes, int partitions)
    {
        BytesRead += entryBytes;
        ReadOps += Math.Max(1, (entryBytes + 4095) / 4096) + (partitions - 1);
    }

    public void Written(long bytes)
    {
        BytesWritten += bytes;
        WriteOps += Math.Max(1, (bytes + 1023) / 1024);
    }

    public void Call() => Calls++;
}
