using System.Diagnostics;
using Dashboard.Core.Domain;
using Dashboard.Core.Usage;
using Dashboard.Core.Stores;
using Dashboard.Operations.Metering;
using Dashboard.Operations.Metering.Rolling;
using Dashboard.Core.Paging;
using Dashboard.Metering.Bench;

// 1. Overhead: the same in-memory store called bare and through the metering decorator with all sinks
//    (instruments with a listener attached, rolling store, action usage), single thread, CPU time per call.
// 2. Memory: the rolling store after 24 h of simulated traffic on 4 tenants × 15 operations, every second busy.
// 3. Memory with many tenants (10,000 for 2 h): see ManyTenants.
// BENCH_QUICK=1 (a smoke run): 200,000 calls in 1, one tenant's 15 operations in 2, 1,000 tenants in 3.
var quick = Environment.GetEnvironmentVariable("BENCH_QUICK") is { Length: > 0 };
var calls = quick ? 200_000 : 2_000_000;
var bare = new NoBackendStore();
var clock = new SteppingClock();
var rolling = new RollingStore(clock, new ThrottleLog());
using var metrics = new StoreMetrics();
using var listener = MeterListening.Attach();   // instruments cost nothing until someone listens: measure with one
var metered = new MeteredDataStore(bare, "acme", "DynamoDB", [metrics, rolling, new ActionUsageSink()]);

double CpuNsPerCall(IDataStore store)
{
    for (var i = 0; i < 100_000; i++) store.GetUserAsync("u", default).GetAwaiter().GetResult();   // warm-up
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    for (var i = 0; i < calls; i++) store.GetUserAsync("u", default).GetAwaiter().GetResult();
    return (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalNanoseconds / calls;
}

var bareNs = CpuNsPerCall(bare);
var meteredNs = CpuNsPerCall(metered);
var allocated = GC.GetAllocatedBytesForCurrentThread();
for (var i = 0; i < 100_000; i++) metered.GetUserAsync("u", default).GetAwaiter().GetResult();
var bytesPerCall = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 100_000.0;
Console.WriteLine($"metering overhead: {meteredNs - bareNs:0} ns CPU per call (bare {bareNs:0} ns, metered {meteredNs:0} ns; {calls:N0} calls), {bytesPerCall:0} B allocated per call");

GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
var before = GC.GetTotalMemory(forceFullCollection: true);
var day = new RollingStore(clock, new ThrottleLog());
var series = (from t in (quick ? new[] { "acme" } : new[] { "acme", "globex", "initech", "sandbox" })
              from op in StoreOperations.All
              select new SeriesKey(t, "DynamoDB", op)).ToArray();
var usage = new CallUsage();
usage.Add(UsageUnit.ReadCapacityUnits, 0.5);
var started = Stopwatch.StartNew();
for (var second = 0; second < 24 * 3600; second++)
{
    clock.Now = clock.Now.AddSeconds(1);
    foreach (var key in series) day.Record(new StoreCall(key, StoreOutcome.Ok, TimeSpan.FromMilliseconds(3 + second % 40), usage));
}
var after = GC.GetTotalMemory(forceFullCollection: true);
var (seriesCount, slots) = day.Size;
Console.WriteLine($"rolling store after 24 h: {(after - before) / 1024.0 / 1024.0:0.0} MiB for {seriesCount} series, {slots:N0} slots " +
                  $"(at most {RollingStore.SlotsPerSeries:N0} per series, {day.MaxSlots:N0} in all; {(after - before) / (double)seriesCount / 1024:0} KiB per series); " +
                  $"{series.Length * 24 * 3600:N0} calls recorded in {started.Elapsed.TotalSeconds:0.0} s");
day.Read(TimeSpan.FromHours(1), 60);   // first read pays for JIT
var read = Stopwatch.StartNew();
var window = day.Read(TimeSpan.FromHours(1), 60);
var hourMs = read.Elapsed.TotalMilliseconds;
read.Restart();
day.Read(TimeSpan.FromMinutes(15), 90);
Console.WriteLine($"reading {window.Series.Count} busy series for a page: 1 h {hourMs:0.0} ms, 15 min {read.Elapsed.TotalMilliseconds:0.0} ms");
GC.KeepAlive(day);

ManyTenants.Run(quick ? 1_000 : 10_000, hours: 2);

internal sealed class NoBackendStore : IDataStore
{
    private static readonly Task<User?> Found = Task.FromResult<User?>(new User("u", "a@example.com", "A", null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1));
    public Task<Page<User>> ListUsersAsync(UserQuery query, PageRequest page, CancellationToken ct) => throw new NotSupportedException();
    public Task<User?> GetUserAsync(string id, CancellationToken ct) => Found;
    public Task<User?> FindUserByEmailAsync(string email, CancellationToken ct) => Found;
    public Task InsertUserAsync(User user, CancellationToken ct) => Task.CompletedTask;
    public Task UpdateUserAsync(User user, User current, CancellationToken ct) => Task.CompletedTask;
    public Task<Page<Order>> ListOrdersAsync(string userId, PageRequest page, CancellationToken ct) => throw new NotSupportedException();
    public Task<Order?> GetOrderAsync(string id, CancellationToken ct) => Task.FromResult<Order?>(null);
    public Task<Page<Order>> ListTenantOrdersAsync(OrderQuery query, PageRequest page, CancellationToken ct) => Task.FromResult(new Page<Order>([], null));
    public Task<OrderStatusCounts> CountOrdersByStatusAsync(CancellationToken ct) => Task.FromResult(OrderStatusCounts.From([], "none"));
    public Task InsertOrderAsync(Order order, CancellationToken ct) => Task.CompletedTask;
    public Task UpdateOrderAsync(Order order, Order current, CancellationToken ct) => Task.CompletedTask;
    public Task PingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task EnsureSchemaAsync(CancellationToken ct) => Task.CompletedTask;
    public Task BulkLoadAsync(IReadOnlyList<User> users, IReadOnlyList<Order> orders, CancellationToken ct) => Task.CompletedTask;
}
