using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.DynamoDb;
using Dashboard.Providers.DynamoDb.Model;
using Dashboard.Providers.Tests.Contract;
using Dashboard.Providers.Tests.Fixtures;
using Fault = Dashboard.Providers.Tests.Fixtures.DynamoDbLostAnswerHandler.Fault;

namespace Dashboard.Providers.Tests;

/// <summary>
/// Write ids on DynamoDB. A conditional write that DynamoDB applied but whose answer was lost is sent again by
/// the SDK; that retry fails its own condition, and the store must recognise its earlier attempt by the call's
/// write id (no false conflict, no "email taken"). A write that lost to another writer stays refused through the
/// retry, even when the winner stamped the same version and time.
/// </summary>
[Trait("Backend", "DynamoDb")]
public sealed class DynamoDbWriteIdTests(DynamoDbFixture fixture) : IClassFixture<DynamoDbFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One tenant seen through two clients: a plain one, and one whose writes can lose their answer.</summary>
    private sealed class Tenant(IDataStore plain, DynamoDbDataStore lossyData, DynamoDbLostAnswerHandler lossy, TenantDescriptor descriptor, TimeProvider clock)
        : IDisposable
    {
        public TenantStore Store { get; } = new(descriptor, plain, clock, new UlidGenerator());
        public TenantStore LossyStore { get; } = new(descriptor, lossyData, clock, new UlidGenerator());
        public DynamoDbDataStore LossyData => lossyData;
        public DynamoDbLostAnswerHandler Lossy => lossy;

        public void Dispose() => lossyData.Dispose();
    }

    private async Task<Tenant> TenantAsync(Fault fault, TimeProvider? clock = null)
    {
        var (descriptor, plain) = await fixture.CreateTenantAsync(Ct);
        var lossy = new DynamoDbLostAnswerHandler(fault);
        var lossyData = new DynamoDbDataStore(descriptor, DynamoDbSettings.From(descriptor), clock: null, transport: () => lossy);
        return new Tenant(plain, lossyData, lossy, descriptor, clock ?? TimeProvider.System);
    }

    /// <summary>Transactions: within DynamoDB's idempotency window (its ClientRequestToken answers the retry) and after it.</summary>
    public static TheoryData<Fault, bool> FaultsAndTokens => new()
    {
        { Fault.ConnectionReset, false }, { Fault.InternalServerError, false },
        { Fault.ConnectionReset, true }, { Fault.InternalServerError, true },
    };

    private static OrderItem Item(int quantity) => new("SKU-1", "Gear", quantity, 2.50m);

    private static void AssertOneAnswerLostAndTheWriteSentAgain(DynamoDbLostAnswerHandler lossy)
    {
        Assert.Equal(1, lossy.Lost);
        Assert.Equal(2, lossy.WritesSent);
    }

    [Theory]
    [InlineData(Fault.ConnectionReset)]
    [InlineData(Fault.InternalServerError)]
    public async Task A_user_update_whose_answer_was_lost_is_saved_without_a_false_conflict(Fault fault)
    {
        using var t = await TenantAsync(fault);
        var user = await t.Store.CreateUserAsync(new NewUser("lost@example.com", "Before"), Ct);

        t.Lossy.LoseNext = 1;
        var saved = await t.LossyStore.UpdateUserAsync(user.Id, 1, new UserChanges(user.Email, "After"), Ct);

        AssertOneAnswerLostAndTheWriteSentAgain(t.Lossy);
        Assert.Equal(saved, await t.Store.GetUserAsync(user.Id, Ct));
    }

    [Theory]
    [MemberData(nameof(FaultsAndTokens))]
    public async Task An_email_change_whose_answer_was_lost_is_saved_without_a_false_conflict(Fault fault, bool tokensExpired)
    {
        using var t = await TenantAsync(fault);
        t.Lossy.TokensExpired = tokensExpired;
        var user = await t.Store.CreateUserAsync(new NewUser("old@example.com", "Mover"), Ct);

        t.Lossy.LoseNext = 1;
        var saved = await t.LossyStore.UpdateUserAsync(user.Id, 1, new UserChanges("new@example.com", "Mover"), Ct);

        AssertOneAnswerLostAndTheWriteSentAgain(t.Lossy);
        Assert.Equal(saved, await t.Store.GetUserAsync(user.Id, Ct));
        Assert.Equal(saved, await t.Store.FindUserByEmailAsync("new@example.com", Ct));
        Assert.Null(await t.Store.FindUserByEmailAsync("old@example.com", Ct));
    }

    [Theory]
    [MemberData(nameof(FaultsAndTokens))]
    public async Task A_user_create_whose_answer_was_lost_is_saved_without_email_taken(Fault fault, bool tokensExpired)
    {
        using var t = await TenantAsync(fault);
        t.Lossy.TokensExpired = tokensExpired;

        t.Lossy.LoseNext = 1;
        var created = await t.LossyStore.CreateUserAsync(new NewUser("fresh@example.com", "Fresh"), Ct);

        AssertOneAnswerLostAndTheWriteSentAgain(t.Lossy);
        Assert.Equal(created, await t.Store.GetUserAsync(created.Id, Ct));
        Assert.Equal(created, await t.Store.FindUserByEmailAsync("fresh@example.com", Ct));
    }

    [Theory]
    [InlineData(Fault.ConnectionReset)]
    [InlineData(Fault.InternalServerError)]
    public async Task An_order_update_whose_answer_was_lost_is_saved_without_a_false_conflict(Fault fault)
    {
        using var t = await TenantAsync(fault);
        var user = await t.Store.CreateUserAsync(new NewUser("buyer@example.com", "Buyer"), Ct);
        var order = await t.Store.CreateOrderAsync(new NewOrder(user.Id, "USD", [Item(1)]), Ct);

        t.Lossy.LoseNext = 1;
        var saved = await t.LossyStore.UpdateOrderAsync(order.Id, 1, new OrderChanges(OrderStatus.Processing, [Item(3)]), Ct);

        AssertOneAnswerLostAndTheWriteSentAgain(t.Lossy);
        Assert.Equal(saved, await t.Store.GetOrderAsync(order.Id, Ct));
        Assert.Equal(7.50m, saved.Total);
    }

    [Theory]
    [InlineData(Fault.ConnectionReset)]
    [InlineData(Fault.InternalServerError)]
    public async Task An_order_create_whose_answer_was_lost_is_saved_once_without_a_false_conflict(Fault fault)
    {
        using var t = await TenantAsync(fault);
        var user = await t.Store.CreateUserAsync(new NewUser("buyer@example.com", "Buyer"), Ct);

        t.Lossy.LoseNext = 1;
        var created = await t.LossyStore.CreateOrderAsync(new NewOrder(user.Id, "USD", [Item(2)]), Ct);

        AssertOneAnswerLostAndTheWriteSentAgain(t.Lossy);
        Assert.Equal([created], (await t.Store.ListOrdersAsync(user.Id, new(10), Ct)).Items);
    }

    [Theory]
    [InlineData(Fault.ConnectionReset)]
    [InlineData(Fault.InternalServerError)]
    public async Task A_stale_user_update_stamped_like_the_winner_stays_a_conflict_through_a_retry(Fault fault)
    {
        using var t = await TenantAsync(fault, new FixedClock(DateTimeOffset.UtcNow));
        var user = await t.Store.CreateUserAsync(new NewUser("race@example.com", "Start"), Ct);
        User? winner = null;

        // The winner writes between the stale writer's read and its write, on the same clock: both send version 2
        // stamped with the same time. The stale write's refusal is lost too, so the SDK sends it again.
        t.Lossy.BeforeNextWrite = async () => winner = await t.Store.UpdateUserAsync(user.Id, 1, new UserChanges(user.Email, "Winner"), Ct);
        t.Lossy.LoseNext = 1;
        await Assert.ThrowsAsync<ConflictException>(() => t.LossyStore.UpdateUserAsync(user.Id, 1, new UserChanges(user.Email, "Stale"), Ct));

        AssertOneAnswerLostAndTheWriteSentAgain(t.Lossy);
        Assert.Equal((2L, user.UpdatedAt), (winner!.Version, winner.UpdatedAt));
        Assert.Equal(winner, await t.Store.GetUserAsync(user.Id, Ct));
    }

    [Theory]
    [InlineData(Fault.ConnectionReset)]
    [InlineData(Fault.InternalServerError)]
    public async Task A_stale_email_change_stamped_like_the_winner_stays_a_conflict_through_a_retry(Fault fault)
    {
        using var t = await TenantAsync(fault, new FixedClock(DateTimeOffset.UtcNow));
        var user = await t.Store.CreateUserAsync(new NewUser("race@example.com", "Start"), Ct);
        User? winner = null;

        t.Lossy.BeforeNextWrite = async () => winner = await t.Store.UpdateUserAsync(user.Id, 1, new UserChanges("winner@example.com", "Start"), Ct);
        t.Lossy.LoseNext = 1;
        await Assert.ThrowsAsync<ConflictException>(() => t.LossyStore.UpdateUserAsync(user.Id, 1, new UserChanges("stale@example.com", "Start"), Ct));

        AssertOneAnswerLostAndTheWriteSentAgain(t.Lossy);
        Assert.Equal((2L, user.UpdatedAt), (winner!.Version, winner.UpdatedAt));
        Assert.Equal(winner, await t.Store.GetUserAsync(user.Id, Ct));
        Assert.Equal(winner, await t.Store.FindUserByEmailAsync("winner@example.com", Ct));
        Assert.Null(await t.Store.FindUserByEmailAsync("stale@example.com", Ct));
    }

    [Theory]
    [InlineData(Fault.ConnectionReset)]
    [InlineData(Fault.InternalServerError)]
    public async Task A_stale_order_update_stamped_like_the_winner_stays_a_conflict_through_a_retry(Fault fault)
    {
        using var t = await TenantAsync(fault, new FixedClock(DateTimeOffset.UtcNow));
        var user = await t.Store.CreateUserAsync(new NewUser("race@example.com", "Buyer"), Ct);
        var order = await t.Store.CreateOrderAsync(new NewOrder(user.Id, "USD", [Item(1)]), Ct);
        Order? winner = null;

        t.Lossy.BeforeNextWrite = async () =>
            winner = await t.Store.UpdateOrderAsync(order.Id, 1, new OrderChanges(OrderStatus.Processing, [Item(2)]), Ct);
        t.Lossy.LoseNext = 1;
        await Assert.ThrowsAsync<ConflictException>(() =>
            t.LossyStore.UpdateOrderAsync(order.Id, 1, new OrderChanges(OrderStatus.Cancelled, [Item(9)]), Ct));

        AssertOneAnswerLostAndTheWriteSentAgain(t.Lossy);
        Assert.Equal((2L, order.UpdatedAt), (winner!.Version, winner.UpdatedAt));
        Assert.Equal(winner, await t.Store.GetOrderAsync(order.Id, Ct));
    }

    [Theory]
    [InlineData(Fault.ConnectionReset)]
    [InlineData(Fault.InternalServerError)]
    public async Task Creates_that_collide_with_another_writer_stay_refused_through_a_retry(Fault fault)
    {
        using var t = await TenantAsync(fault);
        var holder = await t.Store.CreateUserAsync(new NewUser("taken@example.com", "Holder"), Ct);
        var order = await t.Store.CreateOrderAsync(new NewOrder(holder.Id, "USD", [Item(1)]), Ct);
        var newcomer = holder with { Id = new UlidGenerator().Next(DateTimeOffset.UtcNow), Name = "Newcomer" };

        t.Lossy.LoseNext = 1;
        var taken = await Assert.ThrowsAsync<ValidationException>(() => t.LossyData.InsertUserAsync(newcomer, Ct));
        AssertOneAnswerLostAndTheWriteSentAgain(t.Lossy);
        Assert.Contains("email", taken.Errors.Keys);

        // The same ids as stored items another write made, stamped identically: theirs, not ours.
        t.Lossy.LoseNext = 1;
        await Assert.ThrowsAsync<ConflictException>(() => t.LossyData.InsertUserAsync(holder with { Email = "other@example.com" }, Ct));
        t.Lossy.LoseNext = 1;
        await Assert.ThrowsAsync<ConflictException>(() => t.LossyData.InsertOrderAsync(order with { Items = [Item(4)], Total = 10m }, Ct));

        Assert.Equal(3, t.Lossy.Lost);
        Assert.Equal(6, t.Lossy.WritesSent);
        Assert.Equal(holder, await t.Store.GetUserAsync(holder.Id, Ct));
        Assert.Null(await t.Store.FindUserByEmailAsync("other@example.com", Ct));
        Assert.Equal(order, await t.Store.GetOrderAsync(order.Id, Ct));
    }

    [Fact]
    public async Task Items_written_before_write_ids_update_normally_and_are_never_taken_for_our_own_write()
    {
        using var t = await TenantAsync(Fault.ConnectionReset);
        var now = DateTimeOffset.UnixEpoch.AddYears(56);
        var ada = new User(new UlidGenerator().Next(now), "ada@example.com", "Ada", null, now, now, 1);
        var order = new Order(new UlidGenerator().Next(now), ada.Id, OrderStatus.Pending, [Item(1)], 2.50m, "USD", now, now, 1);
        foreach (var item in new[] { ada.ToItem("unused"), ItemMapping.EmailMarker(ada.Email, ada.Id), order.ToItem("unused") })
        {
            item.Remove(ItemNames.WriteId);
            await t.LossyData.Client.PutItemAsync(t.LossyData.TableName, item, Ct);
        }

        var renamed = await t.LossyStore.UpdateUserAsync(ada.Id, 1, new UserChanges(ada.Email, "Ada King"), Ct);
        t.Lossy.LoseNext = 1;
        await Assert.ThrowsAsync<ConflictException>(() => t.LossyData.InsertOrderAsync(order with { Items = [Item(2)], Total = 5m }, Ct));
        var moved = await t.LossyStore.UpdateOrderAsync(order.Id, 1, new OrderChanges(OrderStatus.Processing, [Item(2)]), Ct);

        Assert.Equal(renamed, await t.Store.GetUserAsync(ada.Id, Ct));
        Assert.Equal(moved, await t.Store.GetOrderAsync(order.Id, Ct));
    }
}
