using Dashboard.Core.Bulk;
using Dashboard.Core.Domain;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Tests.Resilience;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Orders;

/// <summary>The bulk runner against a real sandbox whose backend throttles on cue.</summary>
public sealed class BulkStatusChangeTests : IAsyncLifetime
{
    private FaultySandbox _sandbox = null!;
    private ITenantStore _store = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sandbox = await FaultySandbox.CreateAsync(TimeProvider.System, Ct);
        _store = new TenantStore(new TenantDescriptor(_sandbox.Tenant, _sandbox.Tenant, "Sqlite", new Dictionary<string, string?>()),
            _sandbox, TimeProvider.System, new UlidGenerator());
    }

    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();

    private async Task<List<BulkTarget>> PendingOrdersAsync(int count)
    {
        var user = await _store.CreateUserAsync(new NewUser($"u{Guid.NewGuid():N}@example.com", "Bulk Owner"), Ct);
        var targets = new List<BulkTarget>();
        for (var i = 0; i < count; i++)
            targets.Add(BulkTarget.Of(await _store.CreateOrderAsync(new NewOrder(user.Id, "USD", [new OrderItem("SKU-1", "Thing", 1, 5m)]), Ct)));
        return targets;
    }

    private static BulkStatusChange Runner(int attempts = 8) => new(TimeProvider.System, NullLogger<BulkStatusChange>.Instance,
        new BulkOptions { Concurrency = 3, ThrottledAttempts = attempts, BackoffBase = TimeSpan.FromMilliseconds(20), BackoffMax = TimeSpan.FromMilliseconds(200) });

    [Fact]
    public async Task Throttling_pauses_the_run_and_every_order_still_gets_changed()
    {
        var targets = await PendingOrdersAsync(6);
        var reports = new List<BulkProgress>();
        _sandbox.Fault = Fault.Throttle;

        var run = Runner().RunAsync(_store, targets, OrderStatus.Processing, new SyncProgress(reports), Ct);
        await Task.Delay(150, Ct);
        var throttledCalls = _sandbox.CallCount("get_order");
        _sandbox.Fault = Fault.None;
        var results = await run;

        Assert.True(throttledCalls >= 3, $"expected the runner to keep trying while throttled, saw {throttledCalls} calls");
        Assert.All(results, r => Assert.Equal(BulkOutcome.Updated, r.Outcome));
        foreach (var target in targets) Assert.Equal(OrderStatus.Processing, (await _store.GetOrderAsync(target.OrderId, Ct)).Status);
        Assert.Equal(6, reports[^1].Updated);
    }

    [Fact]
    public async Task Orders_still_throttled_after_the_retries_fail_and_a_retry_of_the_failed_ones_changes_them()
    {
        var targets = await PendingOrdersAsync(4);
        _sandbox.Fault = Fault.Throttle;

        var first = await Runner(attempts: 2).RunAsync(_store, targets, OrderStatus.Cancelled, null, Ct);

        Assert.All(first, r => Assert.Equal(BulkOutcome.Failed, r.Outcome));
        Assert.All(first, r => Assert.Contains("throttled", r.Message));
        _sandbox.Fault = Fault.None;
        var retry = await Runner().RunAsync(_store, first.Where(r => r.Outcome == BulkOutcome.Failed).Select(r => r.Target).ToList(), OrderStatus.Cancelled, null, Ct);
        Assert.All(retry, r => Assert.Equal(BulkOutcome.Updated, r.Outcome));
    }

    [Fact]
    public async Task Moves_the_life_cycle_forbids_are_illegal_transitions_and_never_reach_the_backend()
    {
        var targets = await PendingOrdersAsync(2);
        var before = _sandbox.CallCount("update_order");

        var results = await Runner().RunAsync(_store, targets, OrderStatus.Delivered, null, Ct);

        Assert.All(results, r => Assert.Equal(BulkOutcome.IllegalTransition, r.Outcome));
        Assert.Contains("cannot go from Pending to Delivered", results[0].Message);
        Assert.Equal(before, _sandbox.CallCount("update_order"));
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, too late for an assert).</summary>
    private sealed class SyncProgress(List<BulkProgress> into) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value)
        {
            lock (into) into.Add(value);
        }
    }
}
