using System.Diagnostics;
using Dashboard.Core.Stores;
using Dashboard.Core.Usage;
using Dashboard.Operations.Metering;
using Dashboard.Operations.Metering.Rolling;

namespace Dashboard.Metering.Bench;

/// <summary>
/// The rolling store with many tenants: each pinged by the health prober (every tenants / 50 s, its default budget
/// of 50 pings a second) and making two kinds of call a minute, for <c>hours</c> of simulated time; prints the
/// memory it holds, the series and slots, and how much history its bound left.
/// </summary>
internal static class ManyTenants
{
    public static void Run(int tenants, int hours)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = new SteppingClock();
        var start = clock.Now;
        var store = new RollingStore(clock, new ThrottleLog());
        var keys = Enumerable.Range(0, tenants)
            .Select(t => (Ping: new SeriesKey($"t{t}", "SQLite sandbox", StoreOperation.Ping),
                Users: new SeriesKey($"t{t}", "SQLite sandbox", StoreOperation.ListUsers),
                Orders: new SeriesKey($"t{t}", "SQLite sandbox", StoreOperation.ListTenantOrders)))
            .ToArray();
        var usage = new CallUsage();
        usage.Add(UsageUnit.RowsRead, 25);
        var pingEvery = Math.Max(30, tenants / 50);
        long calls = 0;
        var wall = Stopwatch.StartNew();
        for (var second = 0L; second < hours * 3600L; second++)
        {
            clock.Now = start.AddSeconds(second);
            // The tenants whose minute offset is this second make their two calls; the prober pings its share.
            for (var t = (int)(second % 60); t < tenants; t += 60)
            {
                store.Record(new StoreCall(keys[t].Users, StoreOutcome.Ok, TimeSpan.FromMilliseconds(2), usage));
                store.Record(new StoreCall(keys[t].Orders, StoreOutcome.Ok, TimeSpan.FromMilliseconds(3), usage));
                calls += 2;
            }
            for (var t = (int)(second % pingEvery); t < tenants; t += pingEvery)
            {
                store.Record(new StoreCall(keys[t].Ping, StoreOutcome.Ok, TimeSpan.FromMilliseconds(1), new CallUsage()));
                calls++;
            }
        }
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var (series, slots) = store.Size;
        var kept = store.Trimmed is { } t2 ? $"{(clock.Now - t2.Before).TotalMinutes:0} min of history kept (the bound let older minutes go)" : "all of it kept";
        Console.WriteLine($"rolling store with {tenants:N0} tenants after {hours} h (2 calls a minute each, a health ping every {pingEvery} s): " +
                          $"{(after - before) / 1024.0 / 1024.0:0.0} MiB for {series:N0} series, {slots:N0} slots (bound {store.MaxSlots:N0}), " +
                          $"{store.Chunks:N0} chunks; {kept}; {calls:N0} calls recorded in {wall.Elapsed.TotalSeconds:0.0} s");
        GC.KeepAlive(store);
    }
}
