using System.Net;
using System.Text;
using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.DynamoDb;
using Dashboard.Providers.Tests.Fixtures;

namespace Dashboard.Providers.Tests;

/// <summary>
/// Bulk loads move DynamoDB's status counters by what they changed, not by a recount: after any sequence of loads
/// (repeated orders with new statuses, new orders, users only, a load that failed part-way, a counter write whose
/// answer was lost, a batch write that landed but got no answer in time and was repeated) the counters must equal
/// the orders listed per status. A batch that lands only after its load gave up is the one case they miss, and a
/// recount sets them right. These counters are exact, so the
/// comparison is exact (the contract tests only allow other backends' statistics to be near).
/// </summary>
[Trait("Backend", "DynamoDb")]
public sealed class DynamoDbBulkLoadCounterTests(DynamoDbFixture fixture) : IClassFixture<DynamoDbFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly UlidGenerator _ids = new();

    private List<User> Users(int count, string prefix) => Enumerable.Range(0, count)
        .Select(i => new User(_ids.Next(Start.AddMinutes(i)), $"{prefix}{i}@example.com", $"{prefix} {i}", null, Start, Start, 1))
        .ToList();

    private List<Order> Orders(IReadOnlyList<User> owners, int count, int offset = 0) => Enumerable.Range(offset, count)
        .Select(i => new Order(_ids.Next(Start.AddHours(i)), owners[i % owners.Count].Id, Enum.GetValues<OrderStatus>()[i % 5],
            [new OrderItem("SKU-1", "Gear", 1, 5m)], 5m, "EUR", Start.AddHours(i), Start.AddHours(i), 1))
        .ToList();

    private static Order WithStatus(Order order, OrderStatus status) => order with { Status = status, Version = order.Version + 1 };

    private static OrderStatus Next(OrderStatus status) => (OrderStatus)(((int)status + 1) % 5);

    /// <summary>The raw counters (a negative one would show) against the orders listed per status and against the expected orders.</summary>
    private static async Task AssertCountersMatchAsync(IDataStore data, IEnumerable<Order> expected)
    {
        var counts = await data.CountOrdersByStatusAsync(Ct);
        var last = expected.GroupBy(o => o.Id).Select(g => g.Last()).ToList();
        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            var listed = 0;
            await foreach (var page in ListingPages.AllAsync((p, ct) => data.ListTenantOrdersAsync(new OrderQuery(status), p, ct), 100, Ct))
                listed += page.Items.Count;
            Assert.Equal(last.Count(o => o.Status == status), listed);
            Assert.Equal(listed, counts.ByStatus.GetValueOrDefault(status));
        }
    }

    [Fact]
    public async Task Reloading_orders_with_new_statuses_beside_new_orders_and_users_only_loads_keeps_the_counters_exact()
    {
        var (_, data) = await fixture.CreateTenantAsync(Ct);
        var users = Users(6, "load");
        var first = Orders(users, 60);
        await data.BulkLoadAsync(users, [], Ct);
        await data.BulkLoadAsync([], first, Ct);
        await AssertCountersMatchAsync(data, first);

        // Half again with another status, a quarter again unchanged, and new ones, spread over every shard.
        var again = first.Take(30).Select(o => WithStatus(o, Next(o.Status)))
            .Concat(first.Skip(30).Take(15))
            .Concat(Orders(users, 25, offset: 60))
            .ToList();
        await data.BulkLoadAsync(users.Take(2).ToList(), again, Ct);
        await data.BulkLoadAsync(Users(3, "more"), [], Ct);

        await AssertCountersMatchAsync(data, first.Concat(again));
    }

    [Fact]
    public async Task A_load_naming_one_order_twice_is_refused_before_anything_is_written()
    {
        var (_, data) = await fixture.CreateTenantAsync(Ct);
        var users = Users(1, "twice");
        var order = Orders(users, 1)[0];

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            data.BulkLoadAsync(users, [order, WithStatus(order, OrderStatus.Shipped)], Ct));

        Assert.Contains(order.Id, refused.Message + string.Join(' ', refused.Errors.SelectMany(e => e.Value)));
        Assert.Null(await data.GetUserAsync(users[0].Id, Ct));
        await AssertCountersMatchAsync(data, []);
    }

    [Fact]
    public async Task A_load_that_fails_part_way_leaves_counters_matching_what_it_wrote_and_its_retry_makes_them_exact()
    {
        var (tenant, data) = await fixture.CreateTenantAsync(Ct);
        var users = Users(4, "part");
        var first = Orders(users, 40);
        await data.BulkLoadAsync(users, first, Ct);
        var again = first.Select(o => WithStatus(o, Next(o.Status))).Concat(Orders(users, 200, offset: 40)).ToList();

        var failing = new FailingBatchWrites(passFirst: 3);
        using (var flaky = new DynamoDbDataStore(tenant, DynamoDbSettings.From(tenant), clock: null, transport: () => failing))
            await Assert.ThrowsAnyAsync<Exception>(() => flaky.BulkLoadAsync([], again, Ct));

        Assert.True(failing.Refused > 0, "no batch write was refused");
        var stored = new List<Order>();
        foreach (var user in users)
            await foreach (var page in ListingPages.AllAsync((p, ct) => data.ListOrdersAsync(user.Id, p, ct), 100, Ct)) stored.AddRange(page.Items);
        Assert.InRange(stored.Count(o => !first.Any(f => f.Id == o.Id) || o.Version == 2), 1, again.Count - 1);
        await AssertCountersMatchAsync(data, stored);

        await data.BulkLoadAsync([], again, Ct);
        await AssertCountersMatchAsync(data, first.Concat(again));
    }

    [Theory]
    [InlineData(DynamoDbLostAnswerHandler.Fault.ConnectionReset)]
    [InlineData(DynamoDbLostAnswerHandler.Fault.InternalServerError)]
    public async Task A_counter_write_whose_answer_was_lost_is_not_added_twice(DynamoDbLostAnswerHandler.Fault fault)
    {
        var (tenant, data) = await fixture.CreateTenantAsync(Ct);
        var users = Users(3, "lost");
        var orders = Orders(users, 30);
        var lossy = new DynamoDbLostAnswerHandler(fault) { LoseNext = 1 };

        using (var store = new DynamoDbDataStore(tenant, DynamoDbSettings.From(tenant), clock: null, transport: () => lossy))
            await store.BulkLoadAsync(users, orders, Ct);

        // Batch writes are not in the handler's list of writes: the lost answer was the counter transaction's.
        Assert.Equal(1, lossy.Lost);
        await AssertCountersMatchAsync(data, orders);
    }

    [Fact]
    public async Task A_batch_write_that_landed_but_got_no_answer_in_time_fails_as_unavailable_and_repeating_the_load_keeps_the_counters_exact()
    {
        var (tenant, data) = await fixture.CreateTenantAsync(Ct);
        var users = Users(4, "unanswered");
        var first = Orders(users, 40);
        await data.BulkLoadAsync(users, first, Ct);
        var again = first.Select(o => WithStatus(o, Next(o.Status))).Concat(Orders(users, 200, offset: 40)).ToList();
        var unanswered = new DynamoDbUnansweredBatchWrite(DynamoDbUnansweredBatchWrite.Landing.BeforeTheTimeout);
        using var flaky = new DynamoDbDataStore(tenant, DynamoDbSettings.From(tenant), clock: null, transport: () => unanswered);

        unanswered.Arm();
        var failure = await Assert.ThrowsAsync<BackendUnavailableException>(() => flaky.BulkLoadAsync([], again, Ct));

        // What a migration sees, and retries: the backend did not answer in time.
        Assert.Equal("no answer in time", failure.Reason);
        Assert.InRange(unanswered.Attempts, 1, 1 + DynamoDb.Client.DynamoClients.BulkMaxErrorRetry);
        var stored = new List<Order>();
        foreach (var user in users)
            await foreach (var page in ListingPages.AllAsync((p, ct) => data.ListOrdersAsync(user.Id, p, ct), 100, Ct)) stored.AddRange(page.Items);
        await AssertCountersMatchAsync(data, stored);

        // The repeat writes the landed batch again: same keys and statuses, counted once.
        await flaky.BulkLoadAsync([], again, Ct);
        await AssertCountersMatchAsync(data, first.Concat(again));
    }

    [Fact]
    public async Task A_batch_that_lands_only_after_its_answer_was_lost_is_missed_by_the_repeated_load_and_counted_by_a_recount()
    {
        var (tenant, data) = await fixture.CreateTenantAsync(Ct);
        var users = Users(4, "late");
        var orders = Orders(users, 100);
        await data.BulkLoadAsync(users, [], Ct);
        var late = new DynamoDbUnansweredBatchWrite(DynamoDbUnansweredBatchWrite.Landing.Late);
        using var flaky = new DynamoDbDataStore(tenant, DynamoDbSettings.From(tenant), clock: null, transport: () => late);

        late.Arm();
        await Assert.ThrowsAsync<BackendUnavailableException>(() => flaky.BulkLoadAsync([], orders, Ct));
        await late.DeliverLateAsync(Ct);
        await flaky.BulkLoadAsync([], orders, Ct);

        // The late batch was stored when the repeat read the statuses before writing, so neither load counted it:
        // the drift a recount exists for.
        Assert.Equal(orders.Count - BulkWriter.BatchSize, (await data.CountOrdersByStatusAsync(Ct)).Total);
        await DataStoreCapabilities.Find<IOrderCountRecount>(data)!.RecountOrdersByStatusAsync(Ct);
        await AssertCountersMatchAsync(data, orders);
    }

    /// <summary>Lets the first BatchWriteItem requests through, then refuses every later one with a 400 the SDK does not retry.</summary>
    private sealed class FailingBatchWrites(int passFirst) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _seen, _refused;

        public int Refused => Volatile.Read(ref _refused);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.Single() : "";
            if (!target.EndsWith(".BatchWriteItem", StringComparison.Ordinal) || Interlocked.Increment(ref _seen) <= passFirst)
                return await base.SendAsync(request, ct);
            Interlocked.Increment(ref _refused);
            var refusal = new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                RequestMessage = request,
                Content = new StringContent("""{"__type":"com.amazonaws.dynamodb.v20120810#ValidationException","message":"refused by the test"}""",
                    Encoding.UTF8, "application/x-amz-json-1.0"),
            };
            refusal.Headers.Add("x-amzn-ErrorType", "ValidationException");
            return refusal;
        }
    }
}
