using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Dashboard.Testing;

namespace Dashboard.DynamoDb.Bench;

/// <summary>
/// `point` mode: DynamoDB Local's GetItem/PutItem per second, measured the way FaunaLocal's `bench` measures its
/// point reads and writes (src/FaunaLocal/Bench/Benchmark.cs), so the two print side by side: the same concurrent
/// clients sharing one connection pool, the same seconds per figure, 1,000 preloaded items shaped like its
/// documents (key "k0".."k999", a 64-character payload) read round-robin by id, writes of one small new item
/// ({ key: "w{n}", n }). In memory, then on disk (<c>-sharedDb -dbPath</c> in a temp directory). Rows use
/// FaunaLocal's columns. Raw SDK calls, no retries, so every counted call is one answered request.
/// </summary>
public static class PointBench
{
    private const string Table = "Item";
    private const int Preloaded = 1000;
    private static readonly string Payload = new('x', 64);

    public static async Task<int> RunAsync(string[] args)
    {
        double seconds = 3, warmup = 2;
        var clients = 8;
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--seconds" when value is not null: seconds = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--warmup" when value is not null: warmup = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--clients" or "--concurrency" when value is not null: clients = int.Parse(value, CultureInfo.InvariantCulture); break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown point option {args[i]} (--seconds S, --clients N, --warmup S)");
                    return 2;
            }
        }
        Console.WriteLine($"DynamoDB Local point benchmark: {clients} concurrent clients (AWS SDK, HTTP/1.1), {seconds:0.#} s per measurement after {warmup:0.#} s warm-up");
        Console.WriteLine($"{"mode",-10} {"operation",-28} {"ops/s",10} {"p50 ms",8} {"p99 ms",8}");

        await MeasureAsync("in-memory", null, seconds, warmup, clients);
        var dir = Directory.CreateTempSubdirectory("dynamodb-local-bench-").FullName;
        try
        {
            await MeasureAsync("on-disk", dir, seconds, warmup, clients);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return 0;
    }

    private static async Task MeasureAsync(string mode, string? dir, double seconds, double warmup, int clients)
    {
        await using var server = await DynamoDbLocalServer.StartAsync(dir);
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig
        {
            ServiceURL = server.Url.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxConnectionsPerServer = clients,
            MaxErrorRetry = 0,
        });
        var ids = await CreateTableAsync(client);
        // Write ids continue after the preloaded ones; warm-up writes use their own range so nothing is overwritten.
        var nextWrite = 1_000_000_000L;

        Task Read(int n) => client.GetItemAsync(new GetItemRequest
        {
            TableName = Table,
            Key = new() { ["id"] = new(ids[n % ids.Count]) },
            ConsistentRead = true,
        });
        Task Write(int n)
        {
            var id = Interlocked.Increment(ref nextWrite);
            return client.PutItemAsync(new PutItemRequest
            {
                TableName = Table,
                Item = new()
                {
                    ["id"] = new(id.ToString(CultureInfo.InvariantCulture)),
                    ["key"] = new("w" + n.ToString(CultureInfo.InvariantCulture)),
                    ["n"] = new AttributeValue { N = n.ToString(CultureInfo.InvariantCulture) },
                },
            });
        }

        await RunAsync(mode, "point read  GetItem(id)", seconds, warmup, clients, Read);
        await RunAsync(mode, "write  PutItem({...})", seconds, warmup, clients, Write);
    }

    /// <summary>A fresh table keyed by id, with the 1,000 items FaunaLocal's bench creates; returns their ids.</summary>
    private static async Task<List<string>> CreateTableAsync(AmazonDynamoDBClient client)
    {
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = Table,
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        // Numeric string ids of Fauna's length (18 digits), as FaunaLocal's newId() gives.
        var ids = Enumerable.Range(0, Preloaded).Select(i => (400_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture)).ToList();
        foreach (var batch in ids.Select((id, i) => (id, i)).Chunk(25))
        {
            var request = new BatchWriteItemRequest
            {
                RequestItems = new()
                {
                    [Table] = batch.Select(x => new WriteRequest(new PutRequest(new Dictionary<string, AttributeValue>
                    {
                        ["id"] = new(x.id),
                        ["key"] = new("k" + x.i.ToString(CultureInfo.InvariantCulture)),
                        ["payload"] = new(Payload),
                    }))).ToList(),
                },
            };
            while (request.RequestItems is { Count: > 0 })
            {
                var response = await client.BatchWriteItemAsync(request);
                request.RequestItems = response.UnprocessedItems;
            }
        }
        return ids;
    }

    /// <summary>FaunaLocal's measuring loop: each client issues calls back to back until the time is up.</summary>
    private static async Task RunAsync(string mode, string label, double seconds, double warmup, int clients, Func<int, Task> call)
    {
        // DynamoDB Local is a JVM: without a warm-up the first figure would measure its JIT compiler.
        if (warmup > 0) await LoopAsync(TimeSpan.FromSeconds(warmup), clients, call);
        var (latencies, elapsed) = await LoopAsync(TimeSpan.FromSeconds(seconds), clients, call);
        var all = latencies.Order().ToList();
        var rate = all.Count / elapsed.TotalSeconds;
        Console.WriteLine($"{mode,-10} {label,-28} {rate,10:0} {all[all.Count / 2],8:0.00} {all[(int)(all.Count * 0.99)],8:0.00}");
    }

    private static async Task<(List<double> Latencies, TimeSpan Elapsed)> LoopAsync(TimeSpan duration, int clients, Func<int, Task> call)
    {
        var counter = 0;
        var latencies = new List<double>[clients];
        var sw = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(async w =>
        {
            latencies[w] = [];
            while (sw.Elapsed < duration)
            {
                var n = Interlocked.Increment(ref counter);
                var t = Stopwatch.GetTimestamp();
                await call(n);
                latencies[w].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        }).ToArray();
        await Task.WhenAll(workers);
        return (latencies.SelectMany(l => l).ToList(), sw.Elapsed);
    }
}
