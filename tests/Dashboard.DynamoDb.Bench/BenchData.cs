using Dashboard.Core.Demo;
using Dashboard.Core.Domain;

namespace Dashboard.DynamoDb.Bench;

/// <summary>
/// The demo generator's users (deterministic), a few orders each, and one probe user with many orders whose
/// orders page is always full. Loaded in slices so one table grows 1k → 10k → 100k.
/// </summary>
public sealed class BenchData
{
    public const string ProbeEmail = DemoDataGenerator.AdaEmail;

    public User Probe { get; }
    public IReadOnlyList<Order> ProbeOrders { get; }
    public IReadOnlyList<User> Users { get; }
    private readonly ILookup<string, Order> _orders;

    public BenchData(int userCount, int ordersPerUser, int probeOrders)
    {
        var demo = DemoDataGenerator.Generate(userCount + 1);
        Probe = demo.Users.Single(u => u.Email == ProbeEmail);
        Users = demo.Users.Where(u => u.Id != Probe.Id).ToList();
        _orders = demo.Orders.Where(o => o.UserId != Probe.Id).ToLookup(o => o.UserId);
        OrdersPerUser = ordersPerUser;
        var ids = new UlidGenerator(n => { var b = new byte[n]; Random.Shared.NextBytes(b); return b; });
        var template = demo.Orders.First(o => o.UserId == Probe.Id);
        ProbeOrders = Enumerable.Range(0, probeOrders)
            .Select(i => template with { Id = ids.Next(Probe.CreatedAt.AddHours(i + 1)), CreatedAt = Probe.CreatedAt.AddHours(i + 1), UpdatedAt = Probe.CreatedAt.AddHours(i + 1) })
            .ToList();
    }

    public int OrdersPerUser { get; }

    public IReadOnlyList<Order> OrdersOf(IEnumerable<User> users) =>
        users.SelectMany(u => _orders[u.Id].Take(OrdersPerUser)).ToList();
}
