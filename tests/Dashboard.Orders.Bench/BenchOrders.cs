using Dashboard.Core.Domain;
using Dashboard.Core.Stores;

namespace Dashboard.Orders.Bench;

/// <summary>
/// A tenant of a given number of orders: 40 % Pending, 20 % Processing, 20 % Shipped, 10 % Delivered and 10 %
/// Cancelled, spread over a year, 1–3 items each, 100 orders per user. Fixed seed: the same data every run.
/// </summary>
public static class BenchOrders
{
    private static readonly OrderStatus[] Mix =
    [
        OrderStatus.Pending, OrderStatus.Pending, OrderStatus.Pending, OrderStatus.Pending, OrderStatus.Processing,
        OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.Cancelled,
    ];

    public static async Task LoadAsync(IDataStore store, int orderCount, CancellationToken ct)
    {
        var random = new Random(20251201);
        var ids = new UlidGenerator(n => { var b = new byte[n]; random.NextBytes(b); return b; });
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var users = Enumerable.Range(0, Math.Max(1, orderCount / 100))
            .Select(i => new User(ids.Next(start.AddSeconds(i)), $"bench{i:D6}@example.com", $"Bench User {i}", null, start, start, 1))
            .ToList();
        var step = TimeSpan.FromDays(365).Ticks / orderCount;
        var orders = new List<Order>(orderCount);
        for (var i = 0; i < orderCount; i++)
        {
            var at = start.AddDays(1).AddTicks(step * i);
            at = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerMillisecond));
            var items = Enumerable.Range(0, 1 + random.Next(3))
                .Select(n => new OrderItem($"SKU-{1000 + n}", $"Product {n}", 1 + random.Next(3), 9.99m + n))
                .ToList();
            orders.Add(new Order(ids.Next(at), users[i % users.Count].Id, Mix[i % Mix.Length], items,
                items.Sum(x => x.Quantity * x.UnitPrice), "USD", at, at, 1));
        }
        // The store's bulk path (what demo seeding uses), in slices so no backend gets one giant request.
        await store.BulkLoadAsync(users, [], ct);
        foreach (var slice in orders.Chunk(20_000)) await store.BulkLoadAsync([], slice, ct);
    }
}
