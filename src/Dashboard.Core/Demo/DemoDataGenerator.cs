namespace Dashboard.Core.Demo;

/// <summary>The demo data set: users and their orders, entities ready for <see cref="Stores.IDataStore.BulkLoadAsync"/>.</summary>
public sealed record DemoData(IReadOnlyList<User> Users, IReadOnlyList<Order> Orders);

/// <summary>
/// Builds the same demo data on every run (fixed seed, fixed clock), so every tenant and every machine shows
/// the same users and ids. Always includes ada@example.com with several orders.
/// </summary>
public static class DemoDataGenerator
{
    public const string AdaEmail = "ada@example.com";
    public const int DefaultUserCount = 520;
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] FirstNames =
    [
        "Alan", "Barbara", "Claude", "Dorothy", "Edsger", "Frances", "Grace", "Hedy", "Ivan", "Jean", "Ken", "Lynn",
        "Margaret", "Niklaus", "Ole", "Radia", "Shafi", "Tim", "Ursula", "Vint", "Whitfield", "Xiaoyun", "Yukihiro", "Zhores",
    ];

    private static readonly string[] LastNames =
    [
        "Turing", "Liskov", "Shannon", "Vaughan", "Dijkstra", "Allen", "Hopper", "Lamarr", "Sutherland", "Bartik",
        "Thompson", "Conway", "Hamilton", "Wirth", "Dahl", "Perlman", "Goldwasser", "Berners-Lee", "Franklin", "Cerf",
        "Diffie", "Wang", "Matsumoto", "Alferov",
    ];

    private static readonly (string Id, string Name, decimal Price)[] Products =
    [
        ("SKU-1001", "Mechanical keyboard", 89.90m), ("SKU-1002", "USB-C cable 2 m", 12.50m),
        ("SKU-1003", "27-inch monitor", 249.00m), ("SKU-1004", "Laptop stand", 39.99m),
        ("SKU-1005", "Noise-cancelling headphones", 199.00m), ("SKU-1006", "Webcam 1080p", 59.00m),
        ("SKU-1007", "Desk lamp", 24.75m), ("SKU-1008", "Ergonomic mouse", 45.00m),
        ("SKU-1009", "Notebook, dotted", 6.20m), ("SKU-1010", "Standing desk mat", 34.00m),
        ("SKU-1011", "Docking station", 179.00m), ("SKU-1012", "Sticker pack", 3.00m),
    ];

    private static readonly string[] Currencies = ["USD", "USD", "USD", "EUR", "GBP"];

    public static DemoData Generate(int userCount = DefaultUserCount, int seed = 20251101)
    {
        var random = new Random(seed);
        var ids = new UlidGenerator(n => { var b = new byte[n]; random.NextBytes(b); return b; });
        var users = new List<User>(userCount);
        var orders = new List<Order>(userCount * 4);
        // Ada comes first in time but is loaded last, so her presence marks a completed load.
        var ada = NewUser(ids, "ada@example.com", "Ada Lovelace", Start);
        for (var i = 0; i < userCount - 1; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var email = $"{first}.{last}.{i + 1}@example.com".ToLowerInvariant();
            var created = Start.AddMinutes(30 + i * 97 + random.Next(60));
            var user = NewUser(ids, email, $"{first} {last}", created);
            users.Add(user);
            AddOrders(orders, user, random.Next(1, 8), random, ids);
        }
        var adaOrders = new List<Order>();
        AddOrders(adaOrders, ada, 5, random, ids);
        users.Add(ada);
        orders.AddRange(adaOrders);
        return new DemoData(users, orders);
    }

    private static User NewUser(UlidGenerator ids, string email, string name, DateTimeOffset at) =>
        new(ids.Next(at), email, name, AvatarUrl: null, at, at, Version: 1);

    private static void AddOrders(List<Order> into, User user, int count, Random random, UlidGenerator ids)
    {
        var at = user.CreatedAt;
        for (var i = 0; i < count; i++)
        {
            at = at.AddHours(random.Next(2, 24 * 20)).AddSeconds(random.Next(3600));
            var items = Enumerable.Range(0, random.Next(1, 5))
                .Select(_ => Products[random.Next(Products.Length)])
                .DistinctBy(p => p.Id)
                .Select(p => new OrderItem(p.Id, p.Name, random.Next(1, 4), p.Price))
                .ToList();
            // Older orders have moved on through the life cycle; the newest ones are still open.
            var status = (count - i) switch
            {
                1 => OrderStatus.Pending,
                2 => random.Next(2) == 0 ? OrderStatus.Pending : OrderStatus.Processing,
                _ => random.Next(10) switch { 0 => OrderStatus.Cancelled, < 3 => OrderStatus.Shipped, _ => OrderStatus.Delivered },
            };
            var total = items.Sum(x => x.LineTotal!.Value); // catalogue prices × 1–3 always fit
            into.Add(new Order(ids.Next(at), user.Id, status, items, total, Currencies[random.Next(Currencies.Length)], at, at, Version: 1));
        }
    }
}
