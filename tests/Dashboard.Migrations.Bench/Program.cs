using System.Diagnostics;
using Dashboard.AppStore;
using Dashboard.Bench;
using Dashboard.Core.Access;
using Dashboard.Core.Alerts;
using Dashboard.Core.Audit;
using Dashboard.Core.Migrations;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Migrations.Bench;
using Dashboard.Operations.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Migration throughput: one source tenant per backend, seeded with N orders and N/4 users, migrated by
// TenantMigrator (plan, copy, catch-up, verify; the app store a SQLite file) to a fresh, empty tenant on each
// other backend (or only the pairs --pairs names, e.g. --pairs mariadb:dynamodb,fauna:sqlite, in that order).
// Per pair: rows copied per second in the copy phase, and the whole run's time with its catch-up and verification
// (which reads every row on both sides), with the load average around it. All servers run on this machine at
// once. A failed pair is reported and the next one measured; the exit code is 1 if any failed.
var orders = int.Parse(Arg("--orders", "100000")!);
var pairsArgument = Arg("--pairs", null);
var pairs = BenchPairs.Parse(pairsArgument, Arg("--backends", string.Join(',', BenchPairs.Names))!);
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

var which = pairsArgument is null ? "every ordered pair" : $"the pairs {string.Join(", ", pairs.Select(p => $"{p.From}:{p.To}"))} in that order";
Console.WriteLine($"Migration throughput: {orders:N0} orders and {users:N0} users ({rows:N0} rows) per source tenant, {which}; "
    + $"{Environment.ProcessorCount} cores, all servers on this machine; load average {LoadAverage.Now()} at the start");
var backends = new Dictionary<string, Backends>();
var sources = new Dictionary<string, (TenantDescriptor Tenant, IDataStore Store)>();
var figures = new List<PairFigure>();
try
{
    foreach (var name in pairs.SelectMany(p => new[] { p.From, p.To }).Distinct()) backends[name] = await Backends.StartAsync(name, ct);
    for (var i = 0; i < pairs.Count; i++)
    {
        var (from, to) = (backends[pairs[i].From], backends[pairs[i].To]);
        if (!sources.TryGetValue(pairs[i].From, out var source))
        {
            source = await from.NewTenantAsync($"mfrom{pairs[i].From}", ct);
            var seeding = Stopwatch.StartNew();
            await SourceTenant.LoadAsync(source.Store, orders, ct);
            sources[pairs[i].From] = source;
            Console.WriteLine($"\n{from.Name}: source seeded with {rows:N0} rows in {seeding.Elapsed.TotalSeconds:F1} s (load average {LoadAverage.Now()})");
        }
        figures.Add(await MeasureAsync(source, from, to, pairs[i].To, pairs[i].From));
        // A source no later pair reads is let go, so its server holds less while the others run.
        if (!pairs.Skip(i + 1).Any(p => p.From == pairs[i].From))
        {
            (source.Store as IDisposable)?.Dispose();
            sources.Remove(pairs[i].From);
        }
    }

    Console.WriteLine($"\nLoad average at the end: {LoadAverage.Now()}");
    Console.WriteLine("\n| from → to | copy rows/s | copy | whole run (plan, copy, catch-up, verify) | catch-up | verified | retries | load average (1 / 5 / 15 min) at start → end |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|");
    foreach (var f in figures) Console.WriteLine(f.Row(rows));
}
finally
{
    foreach (var (_, store) in sources.Values) (store as IDisposable)?.Dispose();
    foreach (var backend in backends.Values) await backend.DisposeAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    try { folder.Delete(recursive: true); } catch (IOException) { }
}
// Every pair is tried; a failed one fails the benchmark at the end, after the others were measured.
return figures.Any(f => f.Error is not null) ? 1 : 0;

// One pair: the source migrated to a fresh tenant on the target's backend, timed by phase; a failure is a figure too.
async Task<PairFigure> MeasureAsync((TenantDescriptor Tenant, IDataStore Store) source, Backends from, Backends to, string toName, string fromName)
{
    var (target, targetStore) = await to.NewTenantAsync($"mto{toName}from{fromName}", ct);
    var phases = new PhaseClock();
    var loadAtStart = LoadAverage.Now();
    var run = Stopwatch.StartNew();
    try
    {
        var result = await migrator.RunAsync(
            new MigrationRequest(source.Tenant, source.Store, new MigrationTarget(target.ProviderKind, target.Settings), targetStore, Person.System), phases, null, ct);
        run.Stop();
        var complete = result.Verification.SourceOrders == orders && result.Verification.SourceUsers == users;
        var figure = new PairFigure(from.Name, to.Name, phases.Copy.TotalSeconds, run.Elapsed.TotalSeconds,
            result.CatchUp?.Path == CatchUpPath.ChangeFeed ? "change feed" : "version scan",
            $"{result.Verification.SourceUsers:N0} users, {result.Verification.SourceOrders:N0} orders, {result.Verification.Differences.Count} differences",
            result.UnavailableRetries, loadAtStart, LoadAverage.Now(),
            result.Verification.Clean && complete ? null : $"{result.Verification.Summary}{(complete ? "" : " (the source is not the seeded size)")}");
        Console.WriteLine($"  → {to.Name}: {rows:N0} rows copied in {figure.CopySeconds:F1} s ({rows / figure.CopySeconds:N0} rows/s); "
            + $"catch-up by {result.CatchUp}; whole run {figure.RunSeconds:F1} s; {result.Verification.Summary}; "
            + $"{result.UnavailableRetries} retries after no answer, {result.Throttles} throttles; load average {loadAtStart} → {figure.LoadAtEnd}");
        return figure;
    }
    catch (Exception e) when (e is not OperationCanceledException)
    {
        Console.WriteLine($"  → {to.Name}: FAILED after {run.Elapsed.TotalSeconds:F1} s (copy phase {phases.Copy.TotalSeconds:F1} s): {e.Message}");
        return new PairFigure(from.Name, to.Name, phases.Copy.TotalSeconds, run.Elapsed.TotalSeconds, "-", "failed", 0, loadAtStart, LoadAverage.Now(), e.Message);
    }
    finally
    {
        (targetStore as IDisposable)?.Dispose();
    }
}

string? Arg(string name, string? fallback)
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
        // Notes (the catch-up's path, a retry after no answer) go to the log as they come.
        if (value.Message is { } note) Console.WriteLine($"    [{_clock.Elapsed.TotalSeconds,7:F1} s] {value.Phase}: {note}");
    }
}
