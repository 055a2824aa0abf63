using System.Diagnostics;
using Dashboard.AppStore;
using Dashboard.Bench;
using Dashboard.Core.Access;
using Dashboard.Core.Alerts;
using Dashboard.Core.Audit;
using Dashboard.Core.Migrations;
using Dashboard.Migrations.Bench;
using Dashboard.Operations.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Migration throughput: one source tenant per backend, seeded with N orders and N/4 users, migrated by
// TenantMigrator (plan, copy, catch-up, verify; the app store a SQLite file) to a fresh, empty tenant on each
// other backend. Per pair: rows copied per second in the copy phase, and the whole run's time with its catch-up
// and verification (which reads every row on both sides). All servers run on this machine at once.
var orders = int.Parse(Arg("--orders", "100000"));
var only = Arg("--backends", "sqlite,mariadb,dynamodb,fauna").Split(',', StringSplitOptions.RemoveEmptyEntries);
var users = SourceTenant.UsersFor(orders);
var rows = users + orders;
var ct = CancellationToken.None;

var folder = Directory.CreateTempSubdirectory("dashboard-migrate-bench-");
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["AppStore:ConnectionString"] = $"Data Source={Path.Combine(folder.FullName, "dashboard.db")}",
}).Build();
await using var app = new ServiceCollection().AddLogging().AddAppStore(configuration).BuildServiceProvider();
await using (var db = await app.GetRequiredService<IDbContextFactory<AppStoreDbContext>>().CreateDbContextAsync(ct))
    await AppStoreSchema.EnsureAsync(db, mySql: false, ct);
var migrator = new TenantMigrator(app.GetRequiredService<IMigrationCheckpoints>(), app.GetRequiredService<IFleetLease>(), app.GetRequiredService<IAuditLog>(),
    TimeProvider.System, new MigrationOptions());

Console.WriteLine($"Migration throughput: {orders:N0} orders and {users:N0} users ({rows:N0} rows) per source tenant, every ordered pair; "
    + $"{Environment.ProcessorCount} cores, all servers on this machine");
var backends = new Dictionary<string, Backends>();
try
{
    foreach (var name in only) backends[name] = await Backends.StartAsync(name, ct);
    var figures = new List<(string From, string To, double CopySeconds, double RunSeconds, string CatchUp)>();
    foreach (var (fromName, from) in backends)
    {
        var (tenant, source) = await from.NewTenantAsync($"mfrom{fromName}", ct);
        var seeding = Stopwatch.StartNew();
        await SourceTenant.LoadAsync(source, orders, ct);
        Console.WriteLine($"\n{from.Name}: source seeded with {rows:N0} rows in {seeding.Elapsed.TotalSeconds:F1} s");
        foreach (var (toName, to) in backends.Where(b => b.Key != fromName))
        {
            var (target, targetStore) = await to.NewTenantAsync($"mto{toName}from{fromName}", ct);
            var phases = new PhaseClock();
            var run = Stopwatch.StartNew();
            var result = await migrator.RunAsync(
                new MigrationRequest(tenant, source, new MigrationTarget(target.ProviderKind, target.Settings), targetStore, Person.System), phases, null, ct);
            run.Stop();
            if (!result.Verification.Clean || result.Verification.SourceOrders != orders || result.Verification.SourceUsers != users)
                throw new InvalidOperationException($"{from.Name} → {to.Name}: {result.Verification.Summary}");
            var copy = phases.Copy;
            figures.Add((from.Name, to.Name, copy.TotalSeconds, run.Elapsed.TotalSeconds, result.CatchUp?.Path == CatchUpPath.ChangeFeed ? "change feed" : "version scan"));
            Console.WriteLine($"  → {to.Name}: {rows:N0} rows copied in {copy.TotalSeconds:F1} s ({rows / copy.TotalSeconds:N0} rows/s); "
                + $"catch-up by {result.CatchUp}; whole run {run.Elapsed.TotalSeconds:F1} s; {result.Verification.Summary}");
            (targetStore as IDisposable)?.Dispose();
        }
        (source as IDisposable)?.Dispose();
    }

    Console.WriteLine($"\n| from → to | copy rows/s | copy | whole run (plan, copy, catch-up, verify) | catch-up |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var f in figures)
        Console.WriteLine($"| {f.From} → {f.To} | {rows / f.CopySeconds:N0} | {f.CopySeconds:F1} s | {f.RunSeconds:F1} s | {f.CatchUp} |");
}
finally
{
    foreach (var backend in backends.Values) await backend.DisposeAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    try { folder.Delete(recursive: true); } catch (IOException) { }
}
return;

string Arg(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}

/// <summary>When the copy phase began and ended, from the migrator's progress reports.</summary>
internal sealed class PhaseClock : IProgress<MigrationProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _copyStart, _copyEnd;

    public TimeSpan Copy => (_copyEnd ?? _clock.Elapsed) - (_copyStart ?? TimeSpan.Zero);

    public void Report(MigrationProgress value)
    {
        // Reported synchronously by the migrator: "copy" just before the first page, "catch-up" just after the last.
        if (value.Phase == "copy") _copyStart ??= _clock.Elapsed;
        if (value.Phase == "catch-up") _copyEnd ??= _clock.Elapsed;
    }
}
