using System.Buffers.Binary;

namespace FaunaLocal.Storage;

/// <summary>
/// Append-only log of committed transactions. Each record is [length:int32][crc32:uint32][payload], written
/// and fsynced before the transaction becomes visible. Recovery keeps the longest prefix of intact records:
/// a tail torn by a crash (short, or failing its checksum) is dropped and truncated away.
/// </summary>
public sealed class TransactionLog : IDisposable
{
    private const int HeaderSize = 8;
    private const int MaxRecord = 64 * 1024 * 1024;
    private readonly FileStream _file;

    private TransactionLog(FileStream file) => _file = file;

    public long Length => _file.Length;

    /// <summary>Reads every intact record, truncates anything after them and opens the log for appending.</summary>
    public static TransactionLog Open(string path, Action<byte[]> onRecord, out int droppedBytes)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
        var valid = 0L;
        var header = new byte[HeaderSize];
        while (true)
        {
            file.Position = valid;
            if (file.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize) break;
            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            if (length <= 0 || length > MaxRecord || valid + HeaderSize + length > file.Length) break;
            var payload = new byte[length];
            if (file.ReadAtLeast(payload, length, throwOnEndOfStream: false) < length || Crc32.Compute(payload) != crc) break;
            onRecord(payload);
            valid += HeaderSize + length;
        }
        droppedBytes = (int)(file.Length - valid);
        if (droppedBytes > 0)
        {
            file.SetLength(valid);
            file.Flush(flushToDisk: true);
        }
        file.Position = valid;
        return new TransactionLog(file);
    }

    /// <summary>Appends one record and waits until it is on disk.</summary>
    public void Append(ReadOnlySpan<byte> payload)
    {
        var record = new byte[HeaderSize + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(record, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), Crc32.Compute(payload));
        payload.CopyTo(record.AsSpan(HeaderSize));
        _file.Write(record);
        _file.Flush(flushToDisk: true);
    }

    public void Truncate()
    {
        _file.SetLength(0);
        _file.Position = 0;
        _file.Flush(flushToDisk: true);
    }

    public void Dispose() => _file.Dispose();
}
