using System.Diagnostics;
using Dashboard.Core;
using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Operations;
using Dashboard.Operations.Resilience;
using Dashboard.Core.Stores;
using Dashboard.Providers.Fauna;
using Dashboard.Providers.Sql;
using Dashboard.Resilience.Bench;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Kills a real backend (SIGKILL) while 4 callers read through the app's decorated store, keeps it down, starts
// it again on the same port and prints, per round: how soon calls failed, how soon the circuit opened, and how
// long after the backend answered again (a fresh connection succeeds) the tenant was healthy (a health-check
// ping through the store succeeds). --no-prober shows the same without the prober: Polly's break only.
var backends = Arg("--backends", "fauna,planetscale").Split(',');
var rounds = int.Parse(Arg("--rounds", "5"));
var downFor = TimeSpan.FromSeconds(double.Parse(Arg("--down-seconds", "3")));
var noProber = args.Contains("--no-prober");
var faunaDll = Arg("--fauna-dll", "src/FaunaLocal/bin/Release/net10.0/FaunaLocal.dll");
var ct = CancellationToken.None;

Console.WriteLine($"Recovery after kill -9 and restart on the same port: {rounds} rounds per backend, down {downFor.TotalSeconds:0.#} s, " +
                  $"4 callers, health polled every 20 ms, {(noProber ? "NO prober (Polly's break duration only)" : "prober on (default settings)")}");
foreach (var name in backends)
{
    await using BackendProcess backend = name switch
    {
        "fauna" => new FaunaProcess(Path.GetFullPath(faunaDll)),
        "planetscale" => new MariaDbProcess(),
        _ => throw new ArgumentException($"unknown backend '{name}' (fauna, planetscale)"),
    };
    await backend.PrepareAsync(ct);
    backend.Start();
    await backend.WaitUntilAnswersAsync(TimeSpan.FromSeconds(60), ct);

    await using var services = Services(backend, noProber);
    var store = services.GetRequiredService<ITenantBackends>().For("recovery");
    await store.EnsureSchemaAsync(ct);
    var now = DateTimeOffset.UtcNow;
    var user = new User(UlidGenerator.Shared.Next(now), "ada@example.com", "Ada", null, now, now, 1);
    await store.InsertUserAsync(user, ct);
    var circuit = services.GetRequiredService<TenantCircuits>().All.Single();

    Console.WriteLine($"\n{backend.Tenant.Provider} ({name}) on 127.0.0.1:{backend.Port}");
    Console.WriteLine("round | first call unavailable | circuit open | backend answers after start | healthy after it answers");
    var recoveries = new List<double>();
    for (var round = 1; round <= rounds; round++)
    {
        await using (var load = new LoadLoop(store, user.Id, callers: 4))
        {
            await Until(() => load.Succeeded > 50 && circuit.State == CircuitState.Closed, TimeSpan.FromSeconds(30));

            var killedAt = Stopwatch.GetTimestamp();
            await backend.KillAsync();
            await Until(() => load.FirstUnavailable is not null, TimeSpan.FromSeconds(30));
            var firstUnavailable = Stopwatch.GetElapsedTime(killedAt, load.FirstUnavailable!.Value);
            await Until(() => circuit.IsOpen, TimeSpan.FromSeconds(30));
            var opened = Stopwatch.GetElapsedTime(killedAt);
            await Task.Delay(downFor - opened > TimeSpan.Zero ? downFor - opened : TimeSpan.Zero, ct);

            var startedAt = Stopwatch.GetTimestamp();
            backend.Start();
            var answers = Task.Run(async () => { await backend.WaitUntilAnswersAsync(TimeSpan.FromSeconds(60), ct); return Stopwatch.GetTimestamp(); });
            var healthy = Task.Run(async () => { await UntilAsync(() => Healthy(store), TimeSpan.FromSeconds(60), every: 20); return Stopwatch.GetTimestamp(); });
            var answeredAt = await answers;
            var healthyAt = await healthy;
            var recovery = Stopwatch.GetElapsedTime(answeredAt, healthyAt);
            recoveries.Add(Math.Max(0, recovery.TotalMilliseconds));
            Console.WriteLine($"{round,5} | {Ms(firstUnavailable),22} | {Ms(opened),12} | {Ms(Stopwatch.GetElapsedTime(startedAt, answeredAt)),27} | {Ms(recovery),24}");
        }
        var kept = await store.GetUserAsync(user.Id, ct);
        if (kept?.Email != user.Email) Console.WriteLine("  the acknowledged user was LOST");
    }
    recoveries.Sort();
    Console.WriteLine($"healthy after the backend answers: min {recoveries[0]:0} ms, median {recoveries[recoveries.Count / 2]:0} ms, max {recoveries[^1]:0} ms (target ≤ 3000 ms)");
}

static ServiceProvider Services(BackendProcess backend, bool noProber)
{
    var settings = new Dictionary<string, string?> { ["Tenants:recovery:Provider"] = backend.Tenant.Provider };
    foreach (var (key, value) in backend.Tenant.Settings) settings[$"Tenants:recovery:Settings:{key}"] = value;
    // Without the prober, only Polly's own trial after the break brings the tenant back.
    if (noProber) settings["Resilience:ProbeInterval"] = "1.00:00:00";
    var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    return new ServiceCollection()
        .AddLogging()
        .AddDashboardCore(config)
        .AddSqlProviders()
        .AddFaunaProvider()
        .AddDashboardOperations(config)
        .BuildServiceProvider();
}

static async Task<bool> Healthy(IDataStore store)
{
    try
    {
        await store.PingAsync(CancellationToken.None);
        return true;
    }
    catch (BackendUnavailableException)
    {
        return false;
    }
}

static Task Until(Func<bool> done, TimeSpan limit) => UntilAsync(() => Task.FromResult(done()), limit);

static async Task UntilAsync(Func<Task<bool>> done, TimeSpan limit, int every = 10)
{
    var waited = Stopwatch.StartNew();
    while (!await done())
    {
        if (waited.Elapsed > limit) throw new TimeoutException($"not done within {limit}");
        await Task.Delay(every);
    }
}

static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0} ms";

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
