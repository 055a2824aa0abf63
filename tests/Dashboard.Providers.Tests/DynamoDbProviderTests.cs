using Amazon.DynamoDBv2.Model;
using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Usage;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.DynamoDb;
using Dashboard.Providers.DynamoDb.Model;
using Dashboard.Providers.Tests.Fixtures;
using Dashboard.Testing;

namespace Dashboard.Providers.Tests;

/// <summary>What only DynamoDB has: capacity units, throttling per attempt, item limits, the marker items, the table.</summary>
[Trait("Backend", "DynamoDb")]
public sealed class DynamoDbProviderTests(DynamoDbFixture fixture) : IClassFixture<DynamoDbFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TenantDescriptor Tenant, DynamoDbDataStore Data, TenantStore Store)> TenantAsync()
    {
        var (tenant, data) = await fixture.CreateTenantAsync(Ct);
        return (tenant, (DynamoDbDataStore)data, new TenantStore(tenant, data, TimeProvider.System, new UlidGenerator()));
    }

    private static User AUser(string email = "a@example.com", string name = "A") =>
        new(new UlidGenerator().Next(DateTimeOffset.UtcNow), email, name, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1);

    [Fact]
    public async Task Every_call_reports_the_capacity_units_it_consumed()
    {
        var (_, _, store) = await TenantAsync();

        CallUsage create, list, order;
        User user;
        using (UsageScope.Begin(out create)) user = await store.CreateUserAsync(new NewUser("cap@example.com", "Cap"), Ct);
        using (UsageScope.Begin(out list)) await store.ListUsersAsync(UserQuery.All, new PageRequest(10), Ct);
        var created = await store.CreateOrderAsync(new NewOrder(user.Id, "USD", [new OrderItem("P", "Thing", 1, 1m)]), Ct);
        using (UsageScope.Begin(out order)) await store.GetOrderAsync(created.Id, Ct);

        // A user and its email marker are one transaction: transactional writes cost 2 units per item.
        Assert.True(create.Units[UsageUnit.WriteCapacityUnits] >= 4, $"got {create.Units.GetValueOrDefault(UsageUnit.WriteCapacityUnits)} WCU");
        Assert.True(list.Units[UsageUnit.ReadCapacityUnits] > 0);
        Assert.True(order.Units[UsageUnit.ReadCapacityUnits] >= 1.5, "index query + strongly consistent read");
    }

    [Fact]
    public async Task Money_is_stored_as_an_exact_number()
    {
        var (_, data, store) = await TenantAsync();
        var user = await store.CreateUserAsync(new NewUser("m@example.com", "M"), Ct);
        var order = await store.CreateOrderAsync(new NewOrder(user.Id, "USD", [new OrderItem("P", "Thing", 3, 33_333_333.33m)]), Ct);

        var item = (await data.Client.GetItemAsync(new GetItemRequest(data.TableName, TableLayout.OrderKey(user.Id, order.Id)), Ct)).Item;

        Assert.Equal("99999999.99", item[ItemNames.Total].N);
        Assert.Equal("33333333.33", item[ItemNames.Items].L[0].M[ItemNames.UnitPrice].N);
        Assert.Equal("99999999.99", (await store.GetOrderAsync(order.Id, Ct)).Total.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_item_over_400_KB_is_refused_before_it_is_sent()
    {
        var (_, data, store) = await TenantAsync();
        var user = await store.CreateUserAsync(new NewUser("big@example.com", "Big"), Ct);
        var now = DateTimeOffset.UtcNow;
        var huge = Enumerable.Range(0, 50).Select(i => new OrderItem($"P{i}", new string('x', 9_000), 1, 1m)).ToList();
        var order = new Order(new UlidGenerator().Next(now), user.Id, OrderStatus.Pending, huge, 50m, "USD", now, now, 1);

        var error = await Assert.ThrowsAsync<ValidationException>(() => data.InsertOrderAsync(order, Ct));

        Assert.Contains("400 KB", Assert.Single(error.Errors["items"]));
        Assert.Empty((await store.ListOrdersAsync(user.Id, new PageRequest(10), Ct)).Items);
    }

    [Fact]
    public async Task Values_DynamoDB_rejects_never_reach_it()
    {
        var (_, data, store) = await TenantAsync();

        await Assert.ThrowsAsync<ValidationException>(() => data.InsertUserAsync(AUser(email: ""), Ct));
        var broken = await Assert.ThrowsAsync<ValidationException>(() => data.InsertUserAsync(AUser(name: "Ann \ud800 Lee"), Ct));

        Assert.True(broken.Errors.ContainsKey("name"));
        Assert.Empty((await store.ListUsersAsync(UserQuery.All, new PageRequest(10), Ct)).Items);
    }

    [Fact]
    public async Task Changing_an_email_moves_its_uniqueness_marker()
    {
        var (_, data, store) = await TenantAsync();
        var user = await store.CreateUserAsync(new NewUser("before@example.com", "B"), Ct);

        await store.UpdateUserAsync(user.Id, user.Version, new UserChanges("after@example.com", "B"), Ct);

        async Task<Dictionary<string, AttributeValue>?> Marker(string email) =>
            (await data.Client.GetItemAsync(new GetItemRequest(data.TableName, TableLayout.EmailMarkerKey(email)) { ConsistentRead = true }, Ct)).Item is { Count: > 0 } i ? i : null;
        Assert.Null(await Marker("before@example.com"));
        Assert.Equal(user.Id, (await Marker("after@example.com"))?[ItemNames.UserId].S);
    }

    [Fact]
    public async Task An_update_reads_the_user_once_and_the_provider_writes_from_that_read()
    {
        var (_, _, store) = await TenantAsync();
        var user = await store.CreateUserAsync(new NewUser("once@example.com", "Once"), Ct);

        CallUsage rename, move;
        using (UsageScope.Begin(out rename)) user = await store.UpdateUserAsync(user.Id, user.Version, new UserChanges(user.Email, "Renamed"), Ct);
        using (UsageScope.Begin(out move)) await store.UpdateUserAsync(user.Id, user.Version, new UserChanges("moved@example.com", "Renamed"), Ct);

        // One strongly consistent read of a small item is 1 RCU: the service's read, none in the provider.
        Assert.Equal(1.0, rename.Units[UsageUnit.ReadCapacityUnits]);
        Assert.Equal(1.0, move.Units[UsageUnit.ReadCapacityUnits]);
    }

    [Fact]
    public async Task The_user_count_comes_from_the_sparse_index_not_a_count_on_the_page()
    {
        var (_, data, store) = await TenantAsync();
        for (var i = 0; i < 3; i++)
        {
            var user = await store.CreateUserAsync(new NewUser($"u{i}@example.com", "U"), Ct);
            await store.CreateOrderAsync(new NewOrder(user.Id, "USD", [new OrderItem("P", "Thing", 1, 1m)]), Ct);
        }

        await data.UserCount.RefreshAsync();

        Assert.Equal(3, (await store.ListUsersAsync(UserQuery.All, new PageRequest(2), Ct)).ApproximateTotal);
    }

    [Fact]
    public async Task A_backend_that_refuses_connections_is_unavailable()
    {
        var port = FreePort.Next();
        var tenant = DynamoDbFixture.Tenant("down", new Uri($"http://127.0.0.1:{port}"), "whatever");
        using var store = (DynamoDbDataStore)new DynamoDbStoreProvider().Create(tenant);

        var error = await Assert.ThrowsAsync<BackendUnavailableException>(() => store.PingAsync(Ct));

        Assert.Equal(("down", "DynamoDB"), (error.Tenant, error.Provider));
    }

    [Fact]
    public async Task A_missing_table_is_unavailable_and_named()
    {
        using var store = (DynamoDbDataStore)new DynamoDbStoreProvider().Create(DynamoDbFixture.Tenant("nt", fixture.Url, "no-such-table"));

        var error = await Assert.ThrowsAsync<BackendUnavailableException>(() => store.PingAsync(Ct));

        Assert.Contains("no-such-table", error.Reason);
    }

    [Fact]
    public async Task Throttling_is_counted_per_attempt_including_the_SDKs_own_retries()
    {
        var (tenant, data, _) = await TenantAsync();
        var user = AUser();
        await data.InsertUserAsync(user, Ct);
        await using var proxy = new DynamoDbThrottlingProxy(fixture.Url);
        using var throttled = (DynamoDbDataStore)new DynamoDbStoreProvider().Create(
            DynamoDbFixture.Tenant(tenant.Id, proxy.Url, data.TableName));

        proxy.Throttle("GetItem", 2);
        CallUsage recovered;
        using (UsageScope.Begin(out recovered)) Assert.Equal(user, await throttled.GetUserAsync(user.Id, Ct));

        proxy.Throttle("GetItem", 1000);
        CallUsage exhausted;
        ThrottledException error;
        using (UsageScope.Begin(out exhausted)) error = await Assert.ThrowsAsync<ThrottledException>(() => throttled.GetUserAsync(user.Id, Ct));

        // Two throttles, each followed by the SDK's retry, then success.
        Assert.Equal([true, true], recovered.Throttles.Select(t => t.Retried));
        Assert.All(recovered.Throttles, t => Assert.Equal("ProvisionedThroughputExceededException", t.Cause));
        // The SDK makes 1 + MaxErrorRetry attempts; the last throttle surfaces.
        Assert.Equal(3, exhausted.Throttles.Count);
        Assert.Equal([true, true, false], exhausted.Throttles.Select(t => t.Retried));
        Assert.Equal("ProvisionedThroughputExceededException", error.Cause);
        Assert.Equal(5, proxy.Throttled);
    }
}
