using Dashboard.Core.Domain;
using Dashboard.Core.Live;

namespace Dashboard.Providers.Tests.Contract;

/// <summary>
/// The tenant-wide write feeds a migration's catch-up follows (<see cref="WatchKind.OrderWrites"/>,
/// <see cref="WatchKind.UserWrites"/>): on a backend that keeps a change log (DynamoDB's stream, Fauna's event
/// stream) every insert and update of any order or user made after the feed's position arrives; SQL backends say
/// they have none, and refuse to be asked.
/// </summary>
public abstract partial class StoreContractTests<TFixture>
{
    private bool KeepsAChangeLog => Tenant.ProviderKind is "DynamoDb" or "Fauna";

    [Fact]
    public async Task Feed_of_every_write_reports_inserts_and_updates_of_any_order_and_user_or_is_declined()
    {
        Assert.Equal(KeepsAChangeLog, Feed.Follows(WatchKind.OrderWrites));
        Assert.Equal(KeepsAChangeLog, Feed.Follows(WatchKind.UserWrites));
        if (!KeepsAChangeLog)
        {
            await using var refused = new FeedReader(Feed, WatchTarget.AllOrderWrites, null);
            var error = await Assert.ThrowsAnyAsync<Exception>(() => refused.NextAsync(Arrival));
            Assert.IsType<ArgumentException>(error is System.Threading.Channels.ChannelClosedException closed ? closed.InnerException : error);
            return;
        }
        var before = await NewUserAsync();
        var old = await NewOrderAsync(before.Id);
        await using var orders = new FeedReader(Feed, WatchTarget.AllOrderWrites, null);
        await using var users = new FeedReader(Feed, WatchTarget.AllUserWrites, null);
        await Task.WhenAll(orders.Positioned, users.Positioned).WaitAsync(Arrival, Ct);
        var other = OtherWriter();

        var renamed = await other.UpdateUserAsync(before.Id, before.Version, new UserChanges(before.Email, "Renamed For The Feed", before.AvatarUrl), Ct);
        var joined = await other.CreateUserAsync(new NewUser($"feed-{Guid.NewGuid():N}@example.com", "Joined After"), Ct);
        var current = await other.GetOrderAsync(old.Id, Ct);
        var edited = await other.UpdateOrderAsync(old.Id, current.Version, new OrderChanges(OrderStatus.Processing, current.Items), Ct);
        var placed = await other.CreateOrderAsync(new NewOrder(joined.Id, "EUR", [Item("FEED", 1)]), Ct);

        Assert.Equal(new Dictionary<string, long> { [renamed.Id] = renamed.Version, [joined.Id] = joined.Version }, await NewestAsync(users, 2));
        Assert.Equal(new Dictionary<string, long> { [edited.Id] = edited.Version, [placed.Id] = placed.Version }, await NewestAsync(orders, 2));
    }

    /// <summary>The newest version reported of each id, once <paramref name="ids"/> ids were reported and the feed went quiet.</summary>
    private static async Task<Dictionary<string, long>> NewestAsync(FeedReader reader, int ids)
    {
        var newest = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.NextAsync(newest.Count < ids ? Arrival : Quiet) is { } change)
            newest[change.EntityId] = Math.Max(newest.GetValueOrDefault(change.EntityId), change.Version);
        return newest;
    }
}
