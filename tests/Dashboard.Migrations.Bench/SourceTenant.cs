using Dashboard.Core.Domain;
using Dashboard.Core.Stores;
using Dashboard.Bench;

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
        var (users, orders) = SeededTenantData.Generate(20251202, UsersFor(orderCount), orderCount,
            i => ($"mover{i:D6}@example.com", $"Mover {i}", i % 3 == 0 ? null : $"https://example.com/a/{i}.png"), Mix, "EUR");
        // The store's bulk path, in slices so no backend gets one giant request.
        foreach (var slice in users.Chunk(20_000)) await store.BulkLoadAsync(slice, [], ct);
        foreach (var slice in orders.Chunk(20_000)) await store.BulkLoadAsync([], slice, ct);
    }
}
