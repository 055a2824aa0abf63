using Dashboard.Bench;
using System.Diagnostics;
using Dashboard.Core.Domain;
using Dashboard.Core.Export;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.Orders.Bench;

// The tenant-wide orders listing on every backend: the first page of the Pending orders (25 rows) at each table
// size, and the ratio between the largest and the smallest size (an index-served listing stays flat); then, at
// the largest size, a CSV export of every order (rows/s, and the managed heap it needed above what was there).
var sizes = Arg("--sizes", "1000,100000").Split(',').Select(int.Parse).Order().ToArray();
var runs = int.Parse(Arg("--runs", "30"));
var only = Arg("--backends", "sqlite,mariadb,dynamodb,fauna").Split(',', StringSplitOptions.RemoveEmptyEntries);
const int pageSize = 25;
var ct = CancellationToken.None;

Console.WriteLine($"Orders workspace: first page of Pending orders ({pageSize} rows), {runs} runs per size after 5 warm-ups, sizes in turn (median, p95); {Environment.ProcessorCount} cores");
var firstPages = new Dictionary<string, Dictionary<int, Figure>>();
var exports = new Dictionary<string, ExportFigure>();
foreach (var name in only)
{
    await using var backend = await Backends.StartAsync(name, ct);
    var tenants = new Dictionary<int, ITenantStore>();
    foreach (var size in sizes)
    {
        var data = await backend.NewTenantAsync($"orders{size}", ct);
        var store = new TenantStore(data.Tenant, data.Store, TimeProvider.System, new UlidGenerator());
        var loading = Stopwatch.StartNew();
        await BenchOrders.LoadAsync(data.Store, size, ct);
        var pending = (await store.CountOrdersByStatusAsync(ct))[OrderStatus.Pending];
        Console.WriteLine($"\n{backend.Name}: {size:N0} orders loaded in {loading.Elapsed.TotalSeconds:F1} s (~{pending:N0} Pending by its counts)");
        var check = await store.ListTenantOrdersAsync(new OrderQuery(OrderStatus.Pending), new PageRequest(pageSize), ct);
        if (check.Items.Count != Math.Min(pageSize, pending) || check.Items.Any(o => o.Status != OrderStatus.Pending))
            throw new InvalidOperationException($"{backend.Name}: the first page is wrong ({check.Items.Count} rows)");
        tenants[size] = store;
    }

    // The sizes take turns, call by call: on a shared machine both see the same load, so their ratio is fair.
    var query = new OrderQuery(OrderStatus.Pending);
    firstPages[backend.Name] = await Timing.InterleavedAsync(runs, sizes,
        size => tenants[size].ListTenantOrdersAsync(query, new PageRequest(pageSize), ct));
    foreach (var size in sizes) Console.WriteLine($"  {size,9:N0} orders, first page, status Pending   {firstPages[backend.Name][size]}");

    exports[backend.Name] = await ExportFigure.MeasureAsync(tenants[sizes[^1]], sizes[^1], ct);
    Console.WriteLine($"  {sizes[^1],9:N0} orders, export of every order   {exports[backend.Name]}");
}

Console.WriteLine($"\n| backend | {string.Join(" | ", sizes.Select(s => $"{s:N0} orders"))} | {sizes[^1]:N0} / {sizes[0]:N0} | export rows/s | export heap peak |");
Console.WriteLine($"|---|{string.Concat(sizes.Select(_ => "---|"))}---|---|---|");
foreach (var (backend, figures) in firstPages)
{
    var cells = sizes.Select(s => $"{figures[s].MedianMs:F2} ({figures[s].P95Ms:F1}) ms");
    var ratio = figures[sizes[^1]].MedianMs / figures[sizes[0]].MedianMs;
    var export = exports[backend];
    Console.WriteLine($"| {backend} | {string.Join(" | ", cells)} | {ratio:F2}× | {export.RowsPerSecond:N0} | {export.PeakHeapMiB:F1} MiB |");
}
return;

string Arg(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
