using System.Net;
using System.Net.Http.Headers;

namespace FaunaLocal.Bench;

/// <summary>
/// `FaunaLocal bench streams`: one writer commits documents as fast as it can while 1, 10 and 100 clients
/// follow the collection over HTTP/2 streams (the JS driver's transport). Prints commits/s, events delivered/s
/// and the time from a commit to its event reaching a subscriber (p50/p99). Then holds many idle streams
/// open at once and prints the server's resident memory per stream and how long one commit takes to reach
/// all of them. The server runs in its own process; everything shares the machine's cores.
/// </summary>
public static class StreamBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = 3.0;
        int[] subscribers = [1, 10, 100];
        var idle = 2000;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--seconds": seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--subscribers": subscribers = [.. args[i + 1].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))]; break;
                case "--idle": idle = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown option {args[i]} (--seconds S, --subscribers 1,10,100, --idle N)");
                    return 2;
            }
        }

        await using var server = await BenchProcess.StartAsync("--max-streams", (subscribers.Max() + 10).ToString(CultureInfo.InvariantCulture));
        using var http = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true, MaxConnectionsPerServer = 1000 })
        {
            BaseAddress = server.Url,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "secret");

        Console.WriteLine($"FaunaLocal event streams: one writer, {seconds:0.#} s per row, subscribers on HTTP/2, server in its own process");
        Console.WriteLine($"{"subscribers",11} {"commits/s",10} {"events/s",10} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
        foreach (var n in subscribers) await Fanout(http, n, TimeSpan.FromSeconds(seconds));
        await IdleStreams(idle);
        HistoryCost(Math.Max(1000, idle));
        return 0;
    }

    private static async Task Fanout(HttpClient http, int count, TimeSpan duration)
    {
        var coll = $"Bench{count}";
        await BenchQuery.RunAsync(http, $"Collection.create({{ name: \"{coll}\" }})");
        var token = await Token(http, $"{coll}.all().eventSource()");
        var subs = new List<Subscriber>();
        for (var i = 0; i < count; i++) subs.Add(await Subscriber.OpenAsync(http, token));

        var commits = 0;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            await BenchQuery.RunAsync(http, $"{coll}.create({{ n: {commits} }})");
            commits++;
        }
        var writing = Stopwatch.GetElapsedTime(started);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Task.WhenAll(subs.Select(s => s.WaitFor(commits, patience.Token)));
        var delivered = subs.Max(s => s.LastEventAt) - started;
        var latencies = subs.SelectMany(s => s.LatenciesMs).Order().ToList();
        foreach (var s in subs) s.Dispose();
        Console.WriteLine($"{count,11} {commits / writing.TotalSeconds,10:0} {(double)commits * count / (delivered / (double)Stopwatch.Frequency),10:0} " +
                          $"{Percentile(latencies, 0.50),8:0.00} {Percentile(latencies, 0.99),8:0.00} {latencies[^1],8:0.00}");
    }

    /// <summary>
    /// Many idle streams at once on an in-process server, opened by a client process (so the client's objects
    /// stay out of this heap): the server's managed memory per stream, and one commit's fan-out to all of them.
    /// </summary>
    private static async Task IdleStreams(int count)
    {
        await using var server = new Server.FaunaLocalServer(new Server.FaunaLocalOptions { Port = 0, MaxStreams = count + 10 });
        var url = await server.StartAsync();
        using var http = new HttpClient { BaseAddress = url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "secret");
        await BenchQuery.RunAsync(http, "Collection.create({ name: \"Idle\" })");
        var token = await Token(http, "Idle.all().eventSource()");
        await BenchQuery.RunAsync(http, "Idle.all().count()");

        var before = ManagedBytes();
        await using var clients = await BenchProcess.StartClientsAsync(url, token, count);
        await clients.WaitForLineAsync("open");
        var after = ManagedBytes();
        var open = server.Streams!.Open;
        var started = Stopwatch.GetTimestamp();
        await BenchQuery.RunAsync(http, "Idle.create({ n: 1 })");
        await clients.WaitForLineAsync("received");
        var fanout = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"{open} idle streams held at once: {(after - before) / (double)count / 1024:0.0} KiB of server heap per stream " +
                          $"({before / 1048576.0:0} MiB -> {after / 1048576.0:0} MiB); one commit reached all of them in {fanout.TotalMilliseconds:0} ms");
    }

    /// <summary>
    /// What the commit history costs: the same small writes into a store that keeps them all and one that keeps
    /// one, the difference per transaction.
    /// </summary>
    private static void HistoryCost(int transactions)
    {
        long Heap(int keep)
        {
            var store = Store.InMemory(CommitHistory.Limits.Default with { MaxTransactions = keep });
            var executor = new Engine.QueryExecutor(store);
            Engine.QueryResult Run(string fql) => executor.Execute(new Engine.QueryRequest(Language.QueryText.ParseSource(fql).Query,
                new Dictionary<string, Values.Value>(), [], false, Engine.QueryDeadline.In(TimeSpan.FromSeconds(30)), 7, true));
            Run("Collection.create({ name: \"H\", indexes: { byKind: { terms: [{ field: \".kind\" }], values: [{ field: \".n\" }] } } })");
            for (var i = 0; i < transactions; i++) Run($"H.create({{ kind: \"k{i % 10}\", n: {i}, note: \"a small document\" }})");
            var bytes = ManagedBytes();
            GC.KeepAlive(store);
            return bytes;
        }
        var one = Heap(1);
        var all = Heap(transactions);
        Console.WriteLine($"commit history: {(all - one) / (double)transactions / 1024:0.0} KiB per retained transaction " +
                          $"({transactions} single-document writes, one index; default limits: 15 minutes or 50,000 transactions)");
    }

    /// <summary>The live managed heap after a full, compacting collection.</summary>
    private static long ManagedBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes;
    }

    /// <summary>`bench stream-clients URL TOKEN N`: opens N streams, says "open", then "received" once each has an event.</summary>
    public static async Task<int> ClientsAsync(string[] args)
    {
        var (url, token, count) = (new Uri(args[0]), args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        using var http = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true }) { BaseAddress = url, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "secret");
        var subs = new List<Subscriber>();
        for (var i = 0; i < count; i++) subs.Add(await Subscriber.OpenAsync(http, token));
        Console.WriteLine("open");
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Task.WhenAll(subs.Select(s => s.WaitFor(1, patience.Token)));
        Console.WriteLine("received");
        await Console.In.ReadToEndAsync();
        foreach (var s in subs) s.Dispose();
        return 0;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];

    private static async Task<string> Token(HttpClient http, string fql)
    {
        using var doc = await BenchQuery.RunAsync(http, fql);
        return doc.RootElement.GetProperty("data").GetString()!;
    }

    /// <summary>One stream: counts data events and how long each took from its commit time.</summary>
    private sealed class Subscriber : IDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly Task _reading;
        private readonly CancellationTokenSource _stop = new();
        private int _events;
        private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private Subscriber(HttpResponseMessage response, StreamReader reader)
        {
            _response = response;
            _reading = Task.Run(() => Read(reader));
        }

        public List<double> LatenciesMs { get; } = [];
        public long LastEventAt { get; private set; }

        public static async Task<Subscriber> OpenAsync(HttpClient http, string token)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/stream/1")
            {
                Content = new StringContent(JsonSerializer.Serialize(new Dictionary<string, string> { ["token"] = token }, BenchJson.Default.DictionaryStringString)),
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            // The first event is the status that says the stream is listening.
            if (await reader.ReadLineAsync() is not { } first || !first.Contains("\"status\"")) throw new InvalidOperationException("No status event");
            return new Subscriber(response, reader);
        }

        private async Task Read(StreamReader reader)
        {
            try
            {
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    var received = Store.NowMicros();
                    if (!line.StartsWith("{\"type\":\"add\"", StringComparison.Ordinal)) continue;
                    LatenciesMs.Add((received - TxnTs(line)) / 1000.0);
                    LastEventAt = Stopwatch.GetTimestamp();
                    Interlocked.Increment(ref _events);
                    Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
            {
            }
        }

        private static long TxnTs(string line)
        {
            var at = line.IndexOf("\"txn_ts\":", StringComparison.Ordinal) + 9;
            var end = at;
            while (end < line.Length && char.IsAsciiDigit(line[end])) end++;
            return long.Parse(line.AsSpan(at, end - at), CultureInfo.InvariantCulture);
        }

        public async Task WaitFor(int events, CancellationToken ct)
        {
            while (Volatile.Read(ref _events) < events)
            {
                ct.ThrowIfCancellationRequested();
                var progress = Volatile.Read(ref _progress).Task;
                if (Volatile.Read(ref _events) >= events) break;
                await Task.WhenAny(progress, Task.Delay(100, ct));
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _response.Dispose();
        }
    }
}
