using Dashboard.Bench;
using Dashboard.AppStore;
using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Domain;
using Dashboard.Core.Stores;
using Dashboard.Core.Usage;
using Dashboard.Live.Bench;
using Dashboard.Operations.Live;
using Dashboard.Operations.Metering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

// Live pages on every backend: change → visible in another circuit (p50, p95), for a save made through the
// dashboard (audited, so attributed at once) and one made outside it (no audit entry: the attribution waits for
// one before saying "changed outside the dashboard"); then what watching costs per hour for 1 and for N open pages.
var changes = int.Parse(Arg("--changes", "30"));
var outside = int.Parse(Arg("--outside", "10"));
var idle = TimeSpan.FromSeconds(double.Parse(Arg("--idle", "20"), System.Globalization.CultureInfo.InvariantCulture));
var pageCounts = Arg("--pages", "1,100").Split(',').Select(int.Parse).ToArray();
var only = Arg("--backends", "sqlite,mariadb,dynamodb,fauna").Split(',', StringSplitOptions.RemoveEmptyEntries);
var ct = CancellationToken.None;

Console.WriteLine("Live pages: change → visible in another circuit, measured at the service layer (not through browsers): " +
                  "two subscribers of the shared ChangeHub stand for two circuits with the order open; the other one reloads the order " +
                  "on each change; time from the start of the save until its reload holds the new version. " +
                  $"{changes} dashboard saves and {outside} outside saves per backend, 0–1 s apart; {Environment.ProcessorCount} cores");

var folder = Directory.CreateTempSubdirectory("live-bench-app-");
await using var app = new ServiceCollection()
    .AddAppStore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["AppStore:ConnectionString"] = $"Data Source={Path.Combine(folder.FullName, "dashboard.db")}",
    }).Build())
    .BuildServiceProvider();
await using (var db = await app.GetRequiredService<IDbContextFactory<AppStoreDbContext>>().CreateDbContextAsync(ct))
    await AppStoreSchema.EnsureAsync(db, mySql: false, ct);
var audit = app.GetRequiredService<IAuditLog>();

var latencies = new List<string>();
var costs = new List<string>();
foreach (var name in only)
{
    await using var backend = await Backends.StartAsync(name, ct);
    var (tenant, raw) = await backend.NewTenantAsync("live", ct);
    var meter = new FeedUnits();
    var metered = new MeteredDataStore(raw, tenant.Id, tenant.ProviderKind, [meter]);
    await using var hub = new ChangeHub(new OneTenant(metered), new ChangeAttribution(audit), NullLogger<ChangeHub>.Instance);
    var person = new Person("bench-writer", "Bench Writer", Role.Support, new HashSet<string> { tenant.Id });
    var writer = new TenantStore(tenant, new AuditedDataStore(raw, tenant.Id, person, audit, TimeProvider.System, NullLogger.Instance),
        TimeProvider.System, new UlidGenerator());
    var outsider = new TenantStore(tenant, raw, TimeProvider.System, new UlidGenerator());
    var reader = new TenantStore(tenant, metered, TimeProvider.System, new UlidGenerator());
    var orders = await SeedAsync(raw, pageCounts.Max() + 2, ct);
    Console.WriteLine($"{backend.Name}: measuring");

    foreach (var (who, store, count, order) in new[] { ("dashboard", writer, changes, orders[0]), ("outside", outsider, outside, orders[1]) })
    {
        if (count == 0) continue;
        var times = await ChangeToVisible.MeasureAsync(hub, tenant.Id, store, reader, order, count, ct);
        latencies.Add($"| {backend.Name} | {who} | {times.Count} | {Percentiles.Of(times, 50):F0} ms | {Percentiles.Of(times, 95):F0} ms |");
    }
    foreach (var pages in pageCounts)
    {
        var cost = await WatchCost.MeasureAsync(hub, tenant.Id, orders.Skip(2).Take(pages).ToList(), meter, idle, ct);
        var units = cost.Units.Count == 0 ? "none" : string.Join(", ", cost.Units.Select(u => $"{u.Value:N0} {UsageUnits.Label(u.Key)}"));
        var perPage = cost.Units.Count == 0 ? "none" : string.Join(", ", cost.Units.Select(u => $"{u.Value / pages:N0} {UsageUnits.Label(u.Key)}"));
        costs.Add($"| {backend.Name} | {pages} | {cost.Calls:N0} | {units} | {perPage} |");
    }
}

Console.WriteLine("\nChange → visible in another circuit (service layer)");
Console.WriteLine("| backend | saved | changes | p50 | p95 |");
Console.WriteLine("|---|---|---|---|---|");
latencies.ForEach(Console.WriteLine);
Console.WriteLine($"\nCost of watching, per hour, nothing changing (each page on its own order; {idle.TotalSeconds:0.#} s measured per row)");
Console.WriteLine("| backend | open pages | feed reads/h | units/h | units/h per page |");
Console.WriteLine("|---|---|---|---|---|");
costs.ForEach(Console.WriteLine);
return;

static async Task<List<string>> SeedAsync(IDataStore store, int count, CancellationToken ct)
{
    var ids = new UlidGenerator();
    var now = DateTimeOffset.UtcNow;
    now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    var user = new User(ids.Next(now), "live-bench@example.com", "Live Bench", null, now, now, 1);
    var orders = Enumerable.Range(0, count).Select(i =>
    {
        List<OrderItem> items = [new("SKU-1", "Keyboard", 1, 20m), new("SKU-2", "Cable", 2, 3.5m)];
        return new Order(ids.Next(now.AddMilliseconds(i)), user.Id, OrderStatus.Pending, items, items.Sum(x => x.Quantity * x.UnitPrice), "USD", now, now, 1);
    }).ToList();
    await store.BulkLoadAsync([user], orders, ct);
    return orders.Select(o => o.Id).ToList();
}

string Arg(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
