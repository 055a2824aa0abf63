using System.Diagnostics;
using Dashboard.Core.Live;
using Dashboard.Core.Usage;
using Dashboard.Operations.Live;

namespace Dashboard.Live.Bench;

/// <summary>
/// What watching costs while nothing changes: <c>pages</c> order pages open, each on its own order (pages on one
/// order share a feed), their feeds' reads counted over <c>idle</c> after the feeds have opened, per hour.
/// </summary>
public static class WatchCost
{
    public sealed record PerHour(int Pages, double Calls, Dictionary<UsageUnit, double> Units);

    public static async Task<PerHour> MeasureAsync(ChangeHub hub, string tenant, IReadOnlyList<string> orderIds, FeedUnits meter,
        TimeSpan idle, CancellationToken ct)
    {
        var pages = orderIds.Select(id => hub.Subscribe(tenant, WatchTarget.OrderOf(id), _ => { }, _ => { })).ToList();
        try
        {
            // Opening a feed costs its own reads once (its position, the hub's one catch-up read): not the steady state.
            await FeedsPositioned.WaitAsync(hub, orderIds.Count, TimeSpan.FromMilliseconds(500), ct);
            meter.Take();
            var watched = Stopwatch.StartNew();
            await Task.Delay(idle, ct);
            var (calls, units) = meter.Take();
            var perHour = TimeSpan.FromHours(1) / watched.Elapsed;
            return new PerHour(orderIds.Count, calls * perHour, units.ToDictionary(u => u.Key, u => u.Value * perHour));
        }
        finally
        {
            foreach (var page in pages) page.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(1), ct); // let the feeds stop before the next measurement
        }
    }
}
