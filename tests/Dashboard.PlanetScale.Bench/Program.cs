using Dashboard.Core.Domain;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.PlanetScale.Bench;
using Dashboard.Providers.Sql;
using Dashboard.Testing;
using MySqlConnector;

// The users page query of the PlanetScale provider on a real MariaDB 10.11 at several table sizes: first page
// and a deep page (page 200), through the service layer (TenantStore → EF Core/Pomelo) and as a raw
// MySqlConnector query of the same rows; OFFSET paging of the same deep page for comparison.
var sizes = Arg("--sizes", "1000,10000,100000").Split(',').Select(int.Parse).ToArray();
var runs = int.Parse(Arg("--runs", "200"));
const int pageSize = 25, deepPage = 200;
var ct = CancellationToken.None;

Console.WriteLine($"PlanetScale provider users page on MariaDB 10.11 (local, own server), page size {pageSize}, {runs} runs after 100 warm-ups");
await using var server = await MariaDbServer.StartAsync(["--innodb-buffer-pool-size=256M"], ct);
var results = new Dictionary<int, Dictionary<string, Figure>>();
foreach (var size in sizes)
{
    var database = $"bench_{size}";
    var tenant = new TenantDescriptor(database, database, "PlanetScale", new Dictionary<string, string?>
    {
        [PlanetScaleStoreProvider.ConnectionStringKey] = server.ConnectionString(database),
    });
    var data = new PlanetScaleStoreProvider().Create(tenant);
    var store = new TenantStore(tenant, data, TimeProvider.System, new UlidGenerator());
    await data.EnsureSchemaAsync(ct);
    var loading = System.Diagnostics.Stopwatch.StartNew();
    await data.BulkLoadAsync(Users(size), [], ct);
    await server.ExecuteAsync($"ANALYZE TABLE `{database}`.`users`", ct);
    Console.WriteLine($"\n{size:N0} users (loaded in {loading.Elapsed.TotalSeconds:F1} s)");

    // The token of the deep page, reached by paging like a person would (page 200, or the last one).
    string? token = null;
    var page = 1;
    for (; page < deepPage; page++)
    {
        var next = (await store.ListUsersAsync(UserQuery.All, new PageRequest(pageSize, token), ct)).ContinuationToken;
        if (next is null) break;
        token = next;
    }
    var deepToken = token;
    var raw = new RawUsersQuery(server.ConnectionString(database));
    var deepAfter = (await raw.OffsetPageAsync(page - 1, pageSize, ct)).LastEmail;

    var figures = new Dictionary<string, Figure>
    {
        ["service first page"] = await Timing.MeasureAsync(runs, () => store.ListUsersAsync(UserQuery.All, new PageRequest(pageSize), ct)),
        [$"service deep page"] = await Timing.MeasureAsync(runs, () => store.ListUsersAsync(UserQuery.All, new PageRequest(pageSize, deepToken), ct)),
        ["raw first page"] = await Timing.MeasureAsync(runs, () => raw.PageAsync(null, pageSize, ct)),
        ["raw deep page"] = await Timing.MeasureAsync(runs, () => raw.PageAsync(deepAfter, pageSize, ct)),
        ["raw OFFSET deep page"] = await Timing.MeasureAsync(runs, () => raw.OffsetPageAsync(page, pageSize, ct)),
    };
    // Same rows either way: the service's deep page starts right after the raw query's anchor.
    var check = await store.ListUsersAsync(UserQuery.All, new PageRequest(pageSize, deepToken), ct);
    if (string.CompareOrdinal(check.Items[0].Email, deepAfter) <= 0) throw new InvalidOperationException("service and raw deep pages differ");
    Console.WriteLine($"  deep page = page {page}{(page < deepPage ? " (the last page at this size)" : "")}");
    foreach (var (what, figure) in figures) Console.WriteLine($"  {what,-24} {figure}");
    results[size] = figures;
}

if (results.Count > 1)
{
    var (small, large) = (sizes.Min(), sizes.Max());
    Console.WriteLine($"\nratio {large:N0} / {small:N0} users (median):");
    foreach (var what in results[small].Keys)
        Console.WriteLine($"  {what,-24} {results[large][what].MedianMs / results[small][what].MedianMs,6:F2}x");
    Console.WriteLine("\nservice layer / raw MySqlConnector (median):");
    foreach (var size in sizes)
        Console.WriteLine($"  {size,9:N0} users   first page {results[size]["service first page"].MedianMs / results[size]["raw first page"].MedianMs,5:F2}x   deep page {results[size]["service deep page"].MedianMs / results[size]["raw deep page"].MedianMs,5:F2}x");
}
MySqlConnection.ClearAllPools();
return;

string Arg(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}

static List<User> Users(int count)
{
    // Deterministic, spread over the alphabet so email order is not insertion order.
    var random = new Random(42);
    var ids = new UlidGenerator();
    var start = DateTimeOffset.UtcNow.AddDays(-365);
    start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerMillisecond));
    return Enumerable.Range(0, count).Select(i =>
    {
        var at = start.AddSeconds(i * 30);
        var name = $"{(char)('a' + random.Next(26))}{(char)('a' + random.Next(26))}{random.Next(1_000_000):D6} User{i}";
        return new User(ids.Next(at), $"{name.Replace(' ', '.').ToLowerInvariant()}@example.com", name, null, at, at, 1);
    }).ToList();
}
