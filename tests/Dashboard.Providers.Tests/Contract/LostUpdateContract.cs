using System.Collections.Concurrent;
using Dashboard.Core.Domain;
using Dashboard.Core.Errors;

namespace Dashboard.Providers.Tests.Contract;

/// <summary>
/// Many writers doing read-then-write updates of one record at once. Conflicts are expected; what must never
/// happen is an acknowledged write that is not stored. Acknowledged writes form a chain: each returned its own
/// version (2, 3, … with no gaps or repeats), the stored version is 1 + the number of them, and the stored
/// record is the last one's.
/// </summary>
public abstract partial class StoreContractTests<TFixture>
{
    private const int Writers = 50, Rounds = 10;

    /// <summary>What one acknowledged write returned: its version and the value that tells it from the others.</summary>
    private sealed record Acknowledged(long Version, string Value);

    /// <summary>Runs <see cref="Writers"/> tasks of <see cref="Rounds"/> attempts each; an attempt returns its acknowledged write or null on a conflict.</summary>
    private static async Task<List<Acknowledged>> RaceAsync(Func<int, int, Task<Acknowledged>> attempt)
    {
        var acknowledged = new ConcurrentBag<Acknowledged>();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                try
                {
                    acknowledged.Add(await attempt(writer, round));
                }
                catch (ConflictException)
                {
                    // Someone else wrote between our read and our write: expected, and nothing was acknowledged.
                }
            }
        }, Ct)));
        return [.. acknowledged];
    }

    private static void AssertChain(List<Acknowledged> acknowledged, long storedVersion, string storedValue)
    {
        var repeated = acknowledged.GroupBy(a => a.Version).Where(g => g.Count() > 1)
            .Select(g => $"v{g.Key}: {string.Join(", ", g.Select(a => a.Value))}").ToList();
        Assert.True(repeated.Count == 0,
            $"{acknowledged.Count - acknowledged.Select(a => a.Version).Distinct().Count()} acknowledged writes were lost; "
            + $"versions acknowledged to more than one writer: {string.Join("; ", repeated)}");
        Assert.NotEmpty(acknowledged);
        Assert.Equal(1 + acknowledged.Count, storedVersion);
        Assert.Equal(Enumerable.Range(2, acknowledged.Count).Select(v => (long)v), acknowledged.Select(a => a.Version).Order());
        Assert.Equal(acknowledged.MaxBy(a => a.Version)!.Value, storedValue);
    }

    [Fact]
    public async Task Concurrent_read_then_write_user_updates_lose_no_acknowledged_write()
    {
        var user = await NewUserAsync(name: "Start");

        var acknowledged = await RaceAsync(async (writer, round) =>
        {
            var read = await Store.GetUserAsync(user.Id, Ct);
            var saved = await Store.UpdateUserAsync(user.Id, read.Version, new UserChanges(read.Email, $"writer-{writer}-round-{round}"), Ct);
            return new Acknowledged(saved.Version, saved.Name);
        });

        var stored = await Store.GetUserAsync(user.Id, Ct);
        AssertChain(acknowledged, stored.Version, stored.Name);
    }

    [Fact]
    public async Task Concurrent_read_then_write_order_updates_lose_no_acknowledged_write()
    {
        var user = await NewUserAsync();
        var order = await NewOrderAsync(user.Id, Item("start"));

        var acknowledged = await RaceAsync(async (writer, round) =>
        {
            var read = await Store.GetOrderAsync(order.Id, Ct);
            var saved = await Store.UpdateOrderAsync(order.Id, read.Version,
                new OrderChanges(read.Status, [Item($"writer-{writer}-round-{round}", quantity: round + 1)]), Ct);
            return new Acknowledged(saved.Version, Describe(saved));
        });

        var stored = await Store.GetOrderAsync(order.Id, Ct);
        AssertChain(acknowledged, stored.Version, Describe(stored));
    }

    private static string Describe(Order order) => string.Join(", ", order.Items.Select(i => $"{i.ProductId} × {i.Quantity}")) + $" = {order.Total:0.00}";
}
