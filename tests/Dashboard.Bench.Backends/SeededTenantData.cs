using Dashboard.Core.Domain;

namespace Dashboard.Bench;

/// <summary>
/// A benchmark tenant's users and orders from a fixed seed (every id from one seeded ULID stream): the same data
/// every run, on every backend. Orders are spread over a year from 2025-01-02, 1–3 items each, owned round-robin
/// and given statuses round-robin from the mix.
/// </summary>
public static class SeededTenantData
{
    /// <summary>One user's email, name and avatar (null: none), by its index.</summary>
    public delegate (string Email, string Name, string? AvatarUrl) Person(int index);

    public static (List<User> Users, List<Order> Orders) Generate(
        int seed, int userCount, int orderCount, Person person, OrderStatus[] statusMix, string currency)
    {
        var random = new Random(seed);
        var ids = new UlidGenerator(n => { var b = new byte[n]; random.NextBytes(b); return b; });
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var users = Enumerable.Range(0, userCount)
            .Select(i =>
            {
                var (email, name, avatar) = person(i);
                return new User(ids.Next(start.AddSeconds(i)), email, name, avatar, start, start, 1);
            })
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
            orders.Add(new Order(ids.Next(at), users[i % users.Count].Id, statusMix[i % statusMix.Length], items,
                items.Sum(x => x.Quantity * x.UnitPrice), currency, at, at, 1));
        }
        return (users, orders);
    }
}
