using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Stores;
using Dashboard.Providers.Sql;
using Dashboard.Providers.Sql.Dialects;
using Dashboard.Providers.Tests.Fixtures;

namespace Dashboard.Providers.Tests;

/// <summary>
/// A write that committed but whose answer was lost is replayed by the execution strategy; the replay must
/// recognise its own committed attempt by the call's write id (no false conflict, no duplicate) and must not
/// take anyone else's write for its own.
/// </summary>
[Trait("Backend", "PlanetScale")]
public sealed class PlanetScaleLostAnswerTests(MariaDbFixture fixture) : IClassFixture<MariaDbFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_write_whose_answer_was_lost_is_replayed_without_a_false_conflict_or_a_duplicate()
    {
        var (tenant, data) = await fixture.CreateTenantAsync(Ct);
        var store = new TenantStore(tenant, data, TimeProvider.System, new UlidGenerator());
        var lossy = new LostAnswerDialect(new MySqlDialect(tenant.RequiredSetting(PlanetScaleStoreProvider.ConnectionStringKey), MySqlDialect.DefaultServerVersion));
        var replaying = new SqlDataStore(tenant, lossy);
        var user = await store.CreateUserAsync(new NewUser("lost@example.com", "Before"), Ct);
        var order = await store.CreateOrderAsync(new NewOrder(user.Id, "USD", [new OrderItem("P", "Thing", 1, 2m)]), Ct);
        var another = user with { Id = new UlidGenerator().Next(DateTimeOffset.UtcNow), Email = "another@example.com" };
        var anotherOrder = order with { Id = new UlidGenerator().Next(DateTimeOffset.UtcNow) };

        lossy.LoseNext = 1;
        await replaying.UpdateUserAsync(user with { Name = "After", Version = 2 }, expectedVersion: 1, Ct);
        lossy.LoseNext = 1;
        await replaying.UpdateOrderAsync(order with { Status = OrderStatus.Processing, Version = 2 }, expectedVersion: 1, Ct);
        lossy.LoseNext = 1;
        await replaying.InsertUserAsync(another, Ct);
        lossy.LoseNext = 1;
        await replaying.InsertOrderAsync(anotherOrder, Ct);

        Assert.Equal(4, lossy.Lost);
        Assert.Equal(("After", 2L), await NameAndVersionAsync(store, user.Id));
        var storedOrder = await store.GetOrderAsync(order.Id, Ct);
        Assert.Equal((OrderStatus.Processing, 2L), (storedOrder.Status, storedOrder.Version));
        Assert.Equal(another, await store.GetUserAsync(another.Id, Ct));
        Assert.Equal(anotherOrder, await store.GetOrderAsync(anotherOrder.Id, Ct));
        Assert.Equal(2, (await store.ListOrdersAsync(user.Id, new(10), Ct)).Items.Count);

        // A stale write stays a conflict through a replay, even one stamped exactly like the write that beat it.
        var winner = await store.GetUserAsync(user.Id, Ct);
        lossy.LoseNext = 1;
        await Assert.ThrowsAsync<ConflictException>(() =>
            replaying.UpdateUserAsync(winner with { Name = "Stale" }, expectedVersion: 1, Ct));
        Assert.Equal(5, lossy.Lost);
        Assert.Equal(("After", 2L), await NameAndVersionAsync(store, user.Id));
    }

    private static async Task<(string, long)> NameAndVersionAsync(TenantStore store, string id)
    {
        var user = await store.GetUserAsync(id, Ct);
        return (user.Name, user.Version);
    }
}
