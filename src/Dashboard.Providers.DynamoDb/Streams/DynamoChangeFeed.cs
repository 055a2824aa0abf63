using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Dashboard.Providers.DynamoDb.Streams;

/// <summary>
/// The DynamoDB change feed: the table's stream (NEW_AND_OLD_IMAGES, enabled with the schema), read shard by shard
/// every <see cref="PollInterval"/>. Each round's records are handled in sequence-number order and filtered by the
/// target's keys (<see cref="StreamRecordFilter"/>); the cursor holds every shard's last position
/// (<see cref="ShardPositions"/>), so a resumed feed starts each shard right after it. Child shards (roll-over,
/// splits) start at their beginning. Each GetRecords call is one streams read request.
/// </summary>
internal sealed class DynamoChangeFeed(IAmazonDynamoDB db, StreamsApi api, string tenantId, string table)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RediscoverEvery = TimeSpan.FromSeconds(30);

    private string? _streamArn;

    private sealed class Shard(string id, string? parent)
    {
        public string Id { get; } = id;
        public string? Parent { get; } = parent;
        public string? Iterator { get; set; }
        public bool Done { get; set; }
    }

    public async IAsyncEnumerable<DataChange> WatchAsync(WatchTarget target, string? after, IChangeFeedReads reads,
        [EnumeratorCancellation] CancellationToken ct)
    {
        ShardPositions positions;
        try
        {
            positions = ShardPositions.Parse(after);
        }
        catch (FormatException)
        {
            throw new ArgumentException("The cursor is not one of this feed's.", nameof(after));
        }
        var fromNow = after is null;
        var shards = new Dictionary<string, Shard>(StringComparer.Ordinal);
        var arn = await reads.ReadAsync(t => Guard(() => StreamArnAsync(t), t), ct);
        await reads.ReadAsync(t => Guard(() => DiscoverAsync(arn, shards, positions, fromNow, t), t), ct);
        reads.Positioned(); // every shard has its iterator: LATEST, or right after the cursor
        var discovered = DateTime.UtcNow;
        using var timer = new PeriodicTimer(PollInterval);
        while (true)
        {
            var round = await reads.ReadAsync(t => Guard(() => ReadRoundAsync(shards, t), t), ct);
            foreach (var (shardId, record) in round)
            {
                var seq = record["dynamodb"]!["SequenceNumber"]!.GetValue<string>();
                positions.Advance(shardId, seq);
                if (StreamRecordFilter.Match(target, record) is not { } change) continue;
                var at = record["dynamodb"]?["ApproximateCreationDateTime"]?.GetValue<double>() is { } s
                    ? DateTimeOffset.FromUnixTimeMilliseconds((long)(s * 1000))
                    : (DateTimeOffset?)null;
                yield return new DataChange(target, change.Id, change.Version, positions.ToString(), at);
            }
            if (shards.Values.Any(s => s.Done && s.Iterator is null) || DateTime.UtcNow - discovered > RediscoverEvery)
            {
                await reads.ReadAsync(t => Guard(() => DiscoverAsync(arn, shards, positions, fromNow: false, t), t), ct);
                foreach (var closed in shards.Values.Where(s => s.Done).ToList()) closed.Iterator = null;
                discovered = DateTime.UtcNow;
            }
            await timer.WaitForNextTickAsync(ct);
        }
    }

    private async Task<string> StreamArnAsync(CancellationToken ct)
    {
        if (_streamArn is not null) return _streamArn;
        var description = (await db.DescribeTableAsync(table, ct)).Table;
        if (description.StreamSpecification?.StreamEnabled != true || description.LatestStreamArn is null)
            throw new BackendUnavailableException(tenantId, DynamoDbStoreProvider.Product,
                $"table '{table}' has no stream (set Settings:CreateSchema to enable it)");
        return _streamArn = description.LatestStreamArn;
    }

    /// <summary>Adds the stream's shards not seen yet, each with an iterator where this feed must start in it.</summary>
    private async Task<bool> DiscoverAsync(string arn, Dictionary<string, Shard> shards, ShardPositions positions, bool fromNow, CancellationToken ct)
    {
        var newest = positions.Max;
        string? start = null;
        do
        {
            var description = (await api.DescribeStreamAsync(arn, start, ct))["StreamDescription"];
            foreach (var node in description?["Shards"]?.AsArray() ?? [])
            {
                var id = node!["ShardId"]!.GetValue<string>();
                if (shards.ContainsKey(id)) continue;
                var parent = node["ParentShardId"]?.GetValue<string>();
                var range = node["SequenceNumberRange"];
                var open = range?["EndingSequenceNumber"] is null;
                var first = BigInteger.TryParse(range?["StartingSequenceNumber"]?.GetValue<string>(), out var f) ? f : BigInteger.Zero;
                var shard = new Shard(id, parent);
                shards[id] = shard;
                if (positions.Of(id) is { } seq)
                    shard.Iterator = await api.ShardIteratorAsync(arn, id, "AFTER_SEQUENCE_NUMBER", seq, ct);
                else if (fromNow)
                    shard.Iterator = open ? await api.ShardIteratorAsync(arn, id, "LATEST", null, ct) : null;
                else if (positions.IsEmpty || positions.Has(parent) || shards.ContainsKey(parent ?? "") || first > newest)
                    shard.Iterator = await api.ShardIteratorAsync(arn, id, "TRIM_HORIZON", null, ct);
                else
                    shard.Iterator = open ? await api.ShardIteratorAsync(arn, id, "LATEST", null, ct) : null;
                shard.Done = shard.Iterator is null;
            }
            start = description?["LastEvaluatedShardId"]?.GetValue<string>();
        } while (start is not null);
        return true;
    }

    /// <summary>One GetRecords per shard that has an iterator; the records of all shards in sequence-number order.</summary>
    private async Task<List<(string Shard, JsonNode Record)>> ReadRoundAsync(Dictionary<string, Shard> shards, CancellationToken ct)
    {
        var round = new List<(string, JsonNode)>();
        foreach (var shard in shards.Values.Where(s => s.Iterator is not null))
        {
            var answer = await api.GetRecordsAsync(shard.Iterator!, ct);
            UsageScope.Add(UsageUnit.StreamReadRequests, 1);
            foreach (var record in answer["Records"]?.AsArray() ?? []) round.Add((shard.Id, record!));
            shard.Iterator = answer["NextShardIterator"]?.GetValue<string>();
            if (shard.Iterator is null) shard.Done = true;
        }
        return round.OrderBy(r => BigInteger.Parse(r.Item2["dynamodb"]!["SequenceNumber"]!.GetValue<string>())).ToList();
    }

    private async Task<T> Guard<T>(Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is StreamsApiException or HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new BackendUnavailableException(tenantId, DynamoDbStoreProvider.Product, $"the table's stream could not be read: {e.Message}", e);
        }
    }
}
