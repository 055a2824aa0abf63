using System.Numerics;

namespace Dashboard.Providers.DynamoDb.Streams;

/// <summary>
/// Our cursor: the last sequence number handled in each shard of the table's stream ("shard=seq;shard=seq").
/// A table usually has one open shard; shards roll over and split, so the position of each one is kept.
/// </summary>
internal sealed class ShardPositions
{
    private readonly Dictionary<string, string> _last = new(StringComparer.Ordinal);

    public static ShardPositions Parse(string? cursor)
    {
        var positions = new ShardPositions();
        if (string.IsNullOrEmpty(cursor)) return positions;
        foreach (var part in cursor.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.LastIndexOf('=');
            if (eq <= 0 || !BigInteger.TryParse(part[(eq + 1)..], out _))
                throw new FormatException("not a DynamoDB stream position");
            positions._last[part[..eq]] = part[(eq + 1)..];
        }
        return positions;
    }

    public bool IsEmpty => _last.Count == 0;

    public string? Of(string shardId) => _last.GetValueOrDefault(shardId);

    public bool Has(string? shardId) => shardId is not null && _last.ContainsKey(shardId);

    /// <summary>The newest sequence number handled in any shard.</summary>
    public BigInteger Max => _last.Values.Select(BigInteger.Parse).DefaultIfEmpty(BigInteger.Zero).Max();

    public void Advance(string shardId, string sequenceNumber) => _last[shardId] = sequenceNumber;

    public override string ToString() => string.Join(';', _last.Select(p => $"{p.Key}={p.Value}"));
}
