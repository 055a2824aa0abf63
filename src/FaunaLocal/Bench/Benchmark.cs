using System.Net.Http.Headers;

namespace FaunaLocal.Bench;

/// <summary>
/// `FaunaLocal bench`: point reads/s and single-document writes/s over HTTP/1.1 with the wire protocol,
/// against an in-memory server and an on-disk one (fsync per commit), using concurrent clients.
/// </summary>
public static class Benchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = 5.0;
        var concurrency = 8;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--seconds") seconds = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            else if (args[i] == "--concurrency") concurrency = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            else
            {
                await Console.Error.WriteLineAsync($"Unknown bench option {args[i]}");
                return 2;
            }
        }
        var duration = TimeSpan.FromSeconds(seconds);
        Console.WriteLine($"FaunaLocal benchmark: {concurrency} concurrent clients (HTTP/1.1 unless noted), {seconds:0.#} s per measurement");
        Console.WriteLine($"{"mode",-10} {"operation",-28} {"ops/s",10} {"p50 ms",8} {"p99 ms",8}");

        await Measure("in-memory", null, duration, concurrency);
        var dir = Path.Combine(Path.GetTempPath(), "faunalocal-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            await Measure("on-disk", dir, duration, concurrency);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return 0;
    }

    private static async Task Measure(string mode, string? dir, TimeSpan duration, int concurrency)
    {
        await using var server = new FaunaLocalServer(new FaunaLocalOptions { Port = 0, DataDirectory = dir });
        var url = await server.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Options.Secret);

        await BenchQuery.RunAsync(http, """Collection.create({ name: "Item", indexes: { byKey: { terms: [{ field: ".key" }] } } })""");
        var ids = new List<string>();
        for (var batch = 0; batch < 10; batch++)
        {
            using var doc = await BenchQuery.RunAsync(http, $$"""Set.sequence({{batch * 100}}, {{batch * 100 + 100}}).map(i => Item.create({ key: "k" + i.toString(), payload: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" }).id).toArray()""");
            ids.AddRange(doc.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetString()!));
        }

        await Run(mode, "point read  Item.byId(id)", duration, concurrency, i => $"Item.byId(\"{ids[i % ids.Count]}\")", http);
        // The same over cleartext HTTP/2 (prior knowledge), the JS driver's transport, through the preface router.
        using var h2 = new HttpClient { BaseAddress = url, DefaultRequestVersion = System.Net.HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        h2.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
        await Run(mode, "point read  (HTTP/2)", duration, concurrency, i => $"Item.byId(\"{ids[i % ids.Count]}\")", h2);
        await Run(mode, "write  Item.create({...})", duration, concurrency, i => $"Item.create({{ key: \"w{i}\", n: {i} }})", http);
    }

    private static async Task Run(string mode, string label, TimeSpan duration, int concurrency, Func<int, string> query, HttpClient http)
    {
        var counter = 0;
        var latencies = new List<double>[concurrency];
        var sw = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async w =>
        {
            latencies[w] = [];
            while (sw.Elapsed < duration)
            {
                var n = Interlocked.Increment(ref counter);
                var t = Stopwatch.GetTimestamp();
                using var _ = await BenchQuery.RunAsync(http, query(n));
                latencies[w].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        }).ToArray();
        await Task.WhenAll(workers);
        var all = latencies.SelectMany(l => l).Order().ToList();
        var rate = all.Count / sw.Elapsed.TotalSeconds;
        Console.WriteLine($"{mode,-10} {label,-28} {rate,10:0} {all[all.Count / 2],8:0.00} {all[(int)(all.Count * 0.99)],8:0.00}");
    }
}
