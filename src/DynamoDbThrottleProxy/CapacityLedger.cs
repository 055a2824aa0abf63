using System.Collections.Concurrent;
using System.Text.Json;

namespace DynamoDbThrottleProxy;

/// <summary>
/// DynamoDB's own account of the capacity it consumed: the ConsumedCapacity of every answer that passed through,
/// summed per table as read and write units. It lets a check compare the dashboard's metering (and the ops pages
/// built on it) with what the backend reported on the wire. A total without a read/write split counts as reads or
/// writes by the operation, as the dashboard does. Answers that never reached the client (it had given up: an
/// attempt's timeout) are kept apart: DynamoDB bills them, but no client can meter what it never received.
/// </summary>
public sealed class CapacityLedger
{
    private readonly ConcurrentDictionary<string, TableCapacity> _tables = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, TableCapacity> Tables => _tables;

    public void Record(string? target, ReadOnlySpan<byte> body, bool delivered = true)
    {
        if (body.IsEmpty || body[0] != (byte)'{') return;
        try
        {
            using var json = JsonDocument.Parse(body.ToArray());
            if (!json.RootElement.TryGetProperty("ConsumedCapacity", out var consumed)) return;
            var write = IsWrite(target);
            if (consumed.ValueKind == JsonValueKind.Array)
                foreach (var c in consumed.EnumerateArray()) Add(c, write, delivered);
            else if (consumed.ValueKind == JsonValueKind.Object)
                Add(consumed, write, delivered);
        }
        catch (JsonException)
        {
            // Not a JSON answer: nothing consumed to record.
        }
    }

    private void Add(JsonElement c, bool write, bool delivered)
    {
        if (!c.TryGetProperty("TableName", out var name) || name.GetString() is not { } table) return;
        double Number(string property) => c.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;
        var hasSplit = c.TryGetProperty("ReadCapacityUnits", out _) || c.TryGetProperty("WriteCapacityUnits", out _);
        var read = hasSplit ? Number("ReadCapacityUnits") : write ? 0 : Number("CapacityUnits");
        var written = hasSplit ? Number("WriteCapacityUnits") : write ? Number("CapacityUnits") : 0;
        var capacity = _tables.GetOrAdd(table, _ => new TableCapacity());
        if (delivered) capacity.Add(read, written);
        else capacity.AddUndelivered(read, written);
    }

    /// <summary>The operations that consume write capacity; every other data-plane call consumes reads.</summary>
    private static bool IsWrite(string? target)
    {
        var operation = target?[(target.LastIndexOf('.') + 1)..] ?? "";
        return operation is "PutItem" or "UpdateItem" or "DeleteItem" or "BatchWriteItem" or "TransactWriteItems";
    }
}

/// <summary>One table's consumed units and answers counted: delivered to the client, and not.</summary>
public sealed class TableCapacity
{
    private readonly Lock _gate = new();

    public double Read { get; private set; }
    public double Write { get; private set; }
    public long Answers { get; private set; }
    public double UndeliveredRead { get; private set; }
    public double UndeliveredWrite { get; private set; }
    public long UndeliveredAnswers { get; private set; }

    public void AddUndelivered(double read, double write)
    {
        lock (_gate)
        {
            UndeliveredRead += read;
            UndeliveredWrite += write;
            UndeliveredAnswers++;
        }
    }

    public void Add(double read, double write)
    {
        lock (_gate)
        {
            Read += read;
            Write += write;
            Answers++;
        }
    }
}
