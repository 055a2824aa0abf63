using System.Diagnostics;
using Dashboard.Core;
using Dashboard.Core.Stores;
using Dashboard.Core.Usage;
using Dashboard.Operations;
using Dashboard.Operations.Alerts;
using Dashboard.Operations.Metering;
using Dashboard.Operations.Metering.Rolling;
using Dashboard.Providers.Sql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// The alert evaluation's CPU cost at 100 tenants: the rolling store is filled with recorded traffic (every tenant,
// five operations, a call per operation per second, a few throttles and failures) for the units spike's history,
// every tenant has a budget, and the evaluator then judges every rule for every tenant N rounds in a row, as the
// lease holder does every EvaluateEverySeconds. Printed: CPU ms per round, and per rule per minute at that cadence.
// Usage: dotnet run -c Release --project tests/Dashboard.Alerts.Bench -- [--tenants 100] [--minutes 60] [--rounds 30] [--every 1]
// (--every N: a call per operation every N seconds; the quick smoke run records less to start sooner).
var tenants = Arg("--tenants", 100);
var minutes = Arg("--minutes", 60);
var rounds = Arg("--rounds", 30);
var every = Arg("--every", 1);

var clock = new SteppingClock();
var settings = new Dictionary<string, string?>();
for (var t = 0; t < tenants; t++)
{
    settings[$"Tenants:t{t:000}:Provider"] = "Sqlite";
    settings[$"Tenants:t{t:000}:Settings:ConnectionString"] = "Data Source=never-opened.db";
    settings[$"Alerts:Budget:TenantMonthlyUsd:t{t:000}"] = "100";
}
settings["Alerts:Budget:ProviderMonthlyUsd:DynamoDB"] = "1000";
var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
services.AddSingleton<TimeProvider>(clock);
services.AddDashboardCore(configuration);
services.AddSqlProviders();
services.AddDashboardOperations(configuration);
await using var provider = services.BuildServiceProvider();

var store = provider.GetRequiredService<RollingStore>();
var operations = new[] { StoreOperation.GetUser, StoreOperation.ListUsers, StoreOperation.ListOrders, StoreOperation.GetOrder, StoreOperation.UpdateOrder };
var keys = Enumerable.Range(0, tenants).SelectMany(t => operations.Select(op => new SeriesKey($"t{t:000}", "DynamoDB", op))).ToArray();
var usage = new CallUsage();
usage.Add(UsageUnit.ReadCapacityUnits, 0.5);
var filling = Stopwatch.StartNew();
for (var second = 0; second < minutes * 60; second += every)
{
    clock.Now = clock.Now.AddSeconds(every);
    for (var i = 0; i < keys.Length; i++)
    {
        // Mostly fine; now and then a throttle or a failure, so the rules have something to weigh.
        var outcome = (second + i) % 97 == 0 ? StoreOutcome.Throttled : (second + i) % 89 == 0 ? StoreOutcome.Unavailable : StoreOutcome.Ok;
        store.Record(new StoreCall(keys[i], outcome, TimeSpan.FromMilliseconds(2 + (second + i) % 40), usage));
    }
}
var filled = filling.Elapsed;

var o = await provider.GetRequiredService<AlertRules>().CurrentAsync(default);
var evaluator = provider.GetRequiredService<AlertEvaluator>();
var conditions = (await evaluator.EvaluateAsync(o, default)).Count;   // the first round pays for JIT
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var wall = Stopwatch.StartNew();
for (var r = 0; r < rounds; r++) conditions = (await evaluator.EvaluateAsync(o, default)).Count;
var cpuMsPerRound = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / rounds;
var rules = Enum.GetValues<AlertRuleKind>().Length;
var roundsPerMinute = 60.0 / o.EvaluateEverySeconds;
Console.WriteLine($"alert evaluation at {tenants} tenants: {cpuMsPerRound:0.00} ms CPU per round ({conditions} conditions, {rules} rules, {rounds} rounds in {wall.Elapsed.TotalSeconds:0.0} s; " +
                  $"{minutes} min of recorded series, a call per operation every {every} s, filled in {filled.TotalSeconds:0.0} s)");
Console.WriteLine($"alert evaluation cost: {cpuMsPerRound * roundsPerMinute / rules:0.00} ms CPU per rule per minute at {tenants} tenants " +
                  $"(a round every {o.EvaluateEverySeconds} s; {cpuMsPerRound * roundsPerMinute:0.0} ms CPU a minute for all {rules} rules)");

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

/// <summary>A clock the recording moves: an hour of seconds in a few seconds of real time.</summary>
internal sealed class SteppingClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => Now;
}
