using System.Diagnostics;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Stores;
using Dashboard.Operations.Live;

namespace Dashboard.Live.Bench;

/// <summary>
/// Change → visible in another circuit, at the service layer: two subscribers of the shared hub stand for two
/// circuits with the order open (the writer's and another person's). Each change the other one hears, it reloads
/// the order as the order page does; the time runs from the start of the writer's save (commit and audit entry
/// included) until that reload holds the new version. Saves are spaced at random so they land at every phase of
/// the feeds' polls.
/// </summary>
public static class ChangeToVisible
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(20);

    public static async Task<List<double>> MeasureAsync(ChangeHub hub, string tenant, ITenantStore writer, ITenantStore reader,
        string orderId, int changes, CancellationToken ct)
    {
        var expected = long.MaxValue;
        TaskCompletionSource<long>? visible = null;
        async Task ReloadAsync()
        {
            var shown = await reader.GetOrderAsync(orderId, ct);
            if (shown.Version >= Interlocked.Read(ref expected)) Volatile.Read(ref visible)?.TrySetResult(Stopwatch.GetTimestamp());
        }

        var target = WatchTarget.OrderOf(orderId);
        using var writersPage = hub.Subscribe(tenant, target, _ => { }, _ => { });
        using var othersPage = hub.Subscribe(tenant, target, change => _ = ReloadAsync(), _ => { });
        await FeedsPositioned.WaitAsync(hub, 1, TimeSpan.FromMilliseconds(200), ct);

        var random = new Random(20261201);
        var times = new List<double>(changes);
        for (var i = 0; i < changes; i++)
        {
            await Task.Delay(random.Next(0, 1000), ct);
            var current = await writer.GetOrderAsync(orderId, ct);
            Volatile.Write(ref visible, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
            Interlocked.Exchange(ref expected, current.Version + 1);
            var started = Stopwatch.GetTimestamp();
            await writer.UpdateOrderAsync(orderId, current.Version,
                new OrderChanges(current.Status, [.. current.Items.Select((item, n) => n == 0 ? item with { Quantity = 1 + (i % 9) } : item)]), ct);
            var seen = await visible!.Task.WaitAsync(GiveUp, ct);
            times.Add(Stopwatch.GetElapsedTime(started, seen).TotalMilliseconds);
        }
        return times;
    }
}
