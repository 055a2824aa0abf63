using Dashboard.Core.Domain;
using Dashboard.Core.Stores;
using Dashboard.Bench;

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
        var (users, orders) = SeededTenantData.Generate(20251201, Math.Max(1, orderCount / 100), orderCount,
            i => ($"bench{i:D6}@example.com", $"Bench User {i}", null), Mix, "USD");
        // The store's bulk path (what demo seeding uses), in slices so no backend gets one giant request.
        await store.BulkLoadAsync(users, [], ct);
        foreach (var slice in orders.Chunk(20_000)) await store.BulkLoadAsync([], slice, ct);
    }
}
