using System.Diagnostics;
using Amazon.DynamoDBv2.Model;
using Dashboard.Core.Domain;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.DynamoDb.Bench;
using Dashboard.Providers.DynamoDb;
using Dashboard.Providers.DynamoDb.Model;
using Dashboard.Testing;

// Users page and a user's orders page at growing table sizes: first-page latency and RCU per page, through the
// service layer and as the raw SDK call, side by side with dynamodb-admin on the same table.
// Usage: dotnet run -c Release --project tests/Dashboard.DynamoDb.Bench -- [--sizes 1000,10000,100000]
//        [--orders-per-user 1] [--runs 30] [--admin-timeout 120] [--url http://127.0.0.1:8000]
// Or `-- point [--seconds 3] [--clients 8]`: GetItem/PutItem per second as FaunaLocal's bench measures (PointBench).
if (args is ["point", .. var pointArgs])
{
    Environment.ExitCode = await PointBench.RunAsync(pointArgs);
    return;
}
var options = Options.Parse(args);
var repoRoot = FindRepoRoot();
await using var server = options.Url is null ? await DynamoDbLocalServer.StartAsync() : null;
var url = options.Url ?? server!.Url;
var table = $"bench-{DateTime.UtcNow:yyyyMMddHHmmss}";
var tenant = new TenantDescriptor("bench", "bench", "DynamoDb", new Dictionary<string, string?>
{
    [DynamoDbSettings.ServiceUrlKey] = url.ToString(), [DynamoDbSettings.TableNameKey] = table,
});
using var store = (DynamoDbDataStore)new DynamoDbStoreProvider().Create(tenant);
var service = new TenantStore(tenant, store, TimeProvider.System, new UlidGenerator());
var raw = store.Client;
Console.WriteLine($"DynamoDB Local at {url}, table {table}; {Environment.ProcessorCount} cores; {options.Runs} runs per figure (median, p95)");

await store.EnsureSchemaAsync(CancellationToken.None);
var data = new BenchData(options.Sizes.Max(), options.OrdersPerUser, probeOrders: 60);
await store.BulkLoadAsync([data.Probe], data.ProbeOrders, CancellationToken.None);
var adminScript = AdminProbe.Find(repoRoot);
if (adminScript is null) Console.WriteLine("dynamodb-admin is not installed (run tests/Dashboard.DynamoDb.Bench/run.sh): its figures are skipped.");

var results = new Dictionary<int, List<Figure>>();
var loaded = 0;
long items = 1 + data.ProbeOrders.Count;
foreach (var size in options.Sizes.Order())
{
    var users = data.Users.Skip(loaded).Take(size - loaded).ToList();
    var orders = data.OrdersOf(users);
    var started = Stopwatch.GetTimestamp();
    await store.BulkLoadAsync(users, orders, CancellationToken.None);
    var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var written = users.Count * 2 + orders.Count;
    items += written;
    loaded = size;
    Console.WriteLine();
    Console.WriteLine($"== {size:N0} users ({items:N0} items: users, email markers, orders); loaded {written:N0} items in {seconds:F0} s = {written / seconds:F0} items/s (BatchWriteItem)");

    // Warm both JITs (ours and DynamoDB Local's JVM) so the first size is not measured cold.
    for (var i = 0; i < 200; i++)
    {
        await service.ListUsersAsync(UserQuery.All, new PageRequest(25));
        await service.ListOrdersAsync(data.Probe.Id, new PageRequest(25));
    }
    var figures = new List<Figure>
    {
        await Timing.MeasureAsync("users page 1 (email order), service", options.Runs,
            () => Timing.MeteredAsync(() => service.ListUsersAsync(UserQuery.All, new PageRequest(25)))),
        await Timing.MeasureAsync("users page 1 (email order), raw SDK Query", options.Runs,
            () => RawAsync(UsersQuery(TableLayout.UsersByEmail, ItemNames.Email, null))),
        await Timing.MeasureAsync("users page 1 (name starts 'grace'), service", options.Runs,
            () => Timing.MeteredAsync(() => service.ListUsersAsync(new UserQuery(UserSortField.Name, "grace"), new PageRequest(25)))),
        await Timing.MeasureAsync("users page 1 (name starts 'grace'), raw SDK", options.Runs,
            () => RawAsync(UsersQuery(TableLayout.UsersByName, TableLayout.NameOrder, "grace"))),
        await Timing.MeasureAsync("users search email 'ada@' (rare), service", options.Runs,
            () => Timing.MeteredAsync(() => service.ListUsersAsync(new UserQuery(UserSortField.Email, "ada@"), new PageRequest(25)))),
        await Timing.MeasureAsync("orders page 1 of a user, service", options.Runs,
            () => Timing.MeteredAsync(() => service.ListOrdersAsync(data.Probe.Id, new PageRequest(25)))),
        await Timing.MeasureAsync("orders page 1 of a user, raw SDK Query", options.Runs,
            () => RawAsync(OrdersQuery(data.Probe.Id))),
    };
    if (adminScript is not null)
    {
        await using var admin = await AdminProbe.StartAsync(adminScript, url, TimeSpan.FromSeconds(options.AdminTimeoutSeconds));
        var adminRuns = Math.Max(3, options.Runs / 6);
        figures.Add(await Timing.MeasureAsync("dynamodb-admin table page 1", adminRuns, async () => { await admin.TablePageAsync(table); return double.NaN; }));
        figures.Add(await Timing.MeasureAsync("dynamodb-admin search Email 'grace.' (common)", adminRuns, async () => { await admin.SearchAsync(table, ItemNames.Email, "grace."); return double.NaN; }));
        figures.Add(await TimeOnceAsync("dynamodb-admin search Email 'ada@' (rare)", () => admin.SearchAsync(table, ItemNames.Email, "ada@")));
    }
    figures.ForEach(Console.WriteLine);
    results[size] = figures;
}

if (results.Count > 1)
{
    var (small, large) = (results.Keys.Min(), results.Keys.Max());
    Console.WriteLine();
    Console.WriteLine($"== ratio {large:N0} / {small:N0} users (median latency; RCU)");
    foreach (var (a, b) in results[small].Zip(results[large]))
        Console.WriteLine($"{a.What,-50} latency x{b.MedianMs / a.MedianMs,6:F2}   RCU {a.Rcu,5:F1} -> {b.Rcu,5:F1}");
}
Console.WriteLine($"throttling answers seen: {UsageThrottles()}");
return;

QueryRequest UsersQuery(string index, string sortAttribute, string? prefix) => new()
{
    TableName = table,
    IndexName = index,
    KeyConditionExpression = prefix is null ? "#l = :l" : "#l = :l AND begins_with(#s, :p)",
    ExpressionAttributeNames = prefix is null ? new() { ["#l"] = TableLayout.UserList } : new() { ["#l"] = TableLayout.UserList, ["#s"] = sortAttribute },
    ExpressionAttributeValues = prefix is null
        ? new() { [":l"] = new(TableLayout.UserListValue) }
        : new() { [":l"] = new(TableLayout.UserListValue), [":p"] = new(prefix) },
    Limit = 25,
    ReturnConsumedCapacity = Amazon.DynamoDBv2.ReturnConsumedCapacity.TOTAL,
};

QueryRequest OrdersQuery(string userId) => new()
{
    TableName = table,
    KeyConditionExpression = "PK = :pk AND begins_with(SK, :o)",
    ExpressionAttributeValues = new() { [":pk"] = new(TableLayout.UserPk(userId)), [":o"] = new(TableLayout.OrderSkPrefix) },
    ScanIndexForward = false,
    Limit = 25,
    ReturnConsumedCapacity = Amazon.DynamoDBv2.ReturnConsumedCapacity.TOTAL,
};

async Task<double> RawAsync(QueryRequest request) => (await raw.QueryAsync(request)).ConsumedCapacity?.CapacityUnits ?? double.NaN;

static async Task<Figure> TimeOnceAsync(string what, Func<Task<int>> operation)
{
    var started = Stopwatch.GetTimestamp();
    try
    {
        await operation();
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return new Figure(what + " (1 run)", ms, ms, double.NaN);
    }
    catch (TaskCanceledException)
    {
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return new Figure(what + $" TIMED OUT after {ms / 1000:F0} s", ms, ms, double.NaN);
    }
}

static long UsageThrottles() => Dashboard.Providers.DynamoDb.Client.ThrottleAttempts.Total;

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}

internal sealed record Options(int[] Sizes, int OrdersPerUser, int Runs, int AdminTimeoutSeconds, Uri? Url)
{
    public static Options Parse(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new Options(
            (Arg("--sizes") ?? "1000,10000,100000").Split(',').Select(int.Parse).ToArray(),
            int.Parse(Arg("--orders-per-user") ?? "1"),
            int.Parse(Arg("--runs") ?? "30"),
            int.Parse(Arg("--admin-timeout") ?? "120"),
            Arg("--url") is { } u ? new Uri(u) : null);
    }
}
