using Dashboard.Core.Domain;
using Dashboard.Core.Stores;

namespace Dashboard.Migrations.Bench;

/// <summary>
/// A source tenant of a given number of orders and a quarter as many users (4 orders each), 1–3 items per order,
/// spread over a year. Fixed seed: the same data every run, on every backend.
/// </summary>
public static class SourceTenant
{
    private static readonly OrderStatus[] Mix =
        [OrderStatus.Pending, OrderStatus.Pending, OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.Cancelled];

    public static int UsersFor(int orders) => Math.Max(1, orders / 4);

    public static async Task LoadAsync(IDataStore store, int orderCount, CancellationToken ct)
    {
        var random = new Random(20251202);
        var ids = new UlidGenerator(n => { var b = new byte[n]; random.NextBytes(b); return b; });
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var users = Enumerable.Range(0, UsersFor(orderCount))
            .Select(i => new User(ids.Next(start.AddSeconds(i)), $"mover{i:D6}@example.com", $"Mover {i}", i % 3 == 0 ? null : $"https://example.com/a/{i}.png",
                start, start, 1))
            .ToList();
        var step = TimeSpan.FromDays(365).Ticks / Math.Max(1, orderCount);
        var orders = new List<Order>(orderCount);
        for (var i = 0; i < orderCount; i++)
        {
            var at = start.AddDays(1).AddTicks(step * i);
            at = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerMillisecond));
            var items = Enumerable.Range(0, 1 + random.Next(3))
                .Select(n => new OrderItem($"SKU-{1000 + n}", $"Product {n}", 1 + random.Next(3), 9.99m + n))
                .ToList();
            orders.Add(new Order(ids.Next(at), users[i % users.Count].Id, Mix[i % Mix.Length], items,
                items.Sum(x => x.Quantity * x.UnitPrice), "EUR", at, at, 1));
        }
        // The store's bulk path, in slices so no backend gets one giant request.
        foreach (var slice in users.Chunk(20_000)) await store.BulkLoadAsync(slice, [], ct);
        foreach (var slice in orders.Chunk(20_000)) await store.BulkLoadAsync([], slice, ct);
    }
}
