using Dashboard.Core.Domain;
using Dashboard.Core.Errors;

namespace Dashboard.Providers.Tests.Contract;

/// <summary>
/// An update reaches the port with the entity it was made from, and providers use that instead of reading
/// again (DynamoDB: which email marker to give up). Made from a read that another writer has overtaken, it must
/// be a conflict that writes nothing, whatever it carries.
/// </summary>
public abstract partial class StoreContractTests<TFixture>
{
    [Fact]
    public async Task A_user_update_made_from_a_stale_read_is_a_conflict_and_keeps_the_newer_email()
    {
        var read = await NewUserAsync("first@example.com", "Read");
        var newer = await Store.UpdateUserAsync(read.Id, read.Version, new UserChanges("second@example.com", "Newer"), Ct);
        var stale = read with { Email = "third@example.com", Name = "Stale", Version = read.Version + 1, UpdatedAt = newer.UpdatedAt };

        await Assert.ThrowsAsync<ConflictException>(() => Data.UpdateUserAsync(stale, current: read, Ct));

        Assert.Equal(newer, await Store.GetUserAsync(read.Id, Ct));
        Assert.Equal(read.Id, (await Store.FindUserByEmailAsync("second@example.com", Ct))?.Id);
        Assert.Null(await Store.FindUserByEmailAsync("third@example.com", Ct));
        // The email the newer write gave up stays free, and the one the stale write asked for was never taken.
        Assert.NotEqual(read.Id, (await NewUserAsync("first@example.com")).Id);
        Assert.NotEqual(read.Id, (await NewUserAsync("third@example.com")).Id);
    }

    [Fact]
    public async Task A_user_update_made_from_a_stale_read_without_an_email_change_is_a_conflict()
    {
        var read = await NewUserAsync(name: "Read");
        var newer = await Store.UpdateUserAsync(read.Id, read.Version, new UserChanges(read.Email, "Newer"), Ct);

        await Assert.ThrowsAsync<ConflictException>(() =>
            Data.UpdateUserAsync(read with { Name = "Stale", Version = read.Version + 1 }, current: read, Ct));

        Assert.Equal(newer, await Store.GetUserAsync(read.Id, Ct));
    }

    [Fact]
    public async Task An_order_update_made_from_a_stale_read_is_a_conflict()
    {
        var user = await NewUserAsync();
        var read = await NewOrderAsync(user.Id, Item("A", 1));
        var newer = await Store.UpdateOrderAsync(read.Id, read.Version, new OrderChanges(OrderStatus.Processing, [Item("A", 2)]), Ct);

        await Assert.ThrowsAsync<ConflictException>(() =>
            Data.UpdateOrderAsync(read with { Status = OrderStatus.Cancelled, Items = [Item("B", 9)], Total = 90m, Version = read.Version + 1 }, current: read, Ct));

        Assert.Equal(newer, await Store.GetOrderAsync(read.Id, Ct));
    }
}
