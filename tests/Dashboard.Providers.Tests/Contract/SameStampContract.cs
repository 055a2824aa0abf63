using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Stores;

namespace Dashboard.Providers.Tests.Contract;

/// <summary>
/// Two writers that read the same version and stamp their writes with the same clock reading (same
/// millisecond) send the backend the same (version, updatedAt). The one that comes second must get a
/// conflict: a backend that recognised "its own earlier attempt" by that pair would tell both "saved".
/// </summary>
public abstract partial class StoreContractTests<TFixture>
{
    /// <summary>The first writer, and a second one whose update waits at a gate after it has read.</summary>
    private (TenantStore First, TenantStore Second, HeldWritesDataStore Gate) TwoWritersOnOneClock()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        var gate = new HeldWritesDataStore(Data);
        return (new TenantStore(Tenant, Data, clock, new UlidGenerator()), new TenantStore(Tenant, gate, clock, new UlidGenerator()), gate);
    }

    [Fact]
    public async Task A_second_user_writer_with_the_same_version_and_clock_gets_a_conflict()
    {
        var (first, second, gate) = TwoWritersOnOneClock();
        var user = await first.CreateUserAsync(new NewUser("same.stamp@example.com", "Start"), Ct);

        var late = second.UpdateUserAsync(user.Id, user.Version, new UserChanges(user.Email, "Second writer"), Ct);
        var held = (User)await gate.Arrived.WaitAsync(Ct);
        var saved = await first.UpdateUserAsync(user.Id, user.Version, new UserChanges(user.Email, "First writer"), Ct);
        gate.Release();

        Assert.Equal((saved.Version, saved.UpdatedAt), (held.Version, held.UpdatedAt));
        await Assert.ThrowsAsync<ConflictException>(() => late);
        Assert.Equal(saved, await Store.GetUserAsync(user.Id, Ct));
    }

    [Fact]
    public async Task A_second_order_writer_with_the_same_version_and_clock_gets_a_conflict()
    {
        var (first, second, gate) = TwoWritersOnOneClock();
        var user = await first.CreateUserAsync(new NewUser("same.stamp@example.com", "Buyer"), Ct);
        var order = await first.CreateOrderAsync(new NewOrder(user.Id, "USD", [Item("A", 1)]), Ct);

        var late = second.UpdateOrderAsync(order.Id, order.Version, new OrderChanges(OrderStatus.Pending, [Item("A", 7)]), Ct);
        var held = (Order)await gate.Arrived.WaitAsync(Ct);
        var saved = await first.UpdateOrderAsync(order.Id, order.Version, new OrderChanges(OrderStatus.Processing, [Item("A", 2)]), Ct);
        gate.Release();

        Assert.Equal((saved.Version, saved.UpdatedAt), (held.Version, held.UpdatedAt));
        await Assert.ThrowsAsync<ConflictException>(() => late);
        Assert.Equal(saved, await Store.GetOrderAsync(order.Id, Ct));
    }
}
