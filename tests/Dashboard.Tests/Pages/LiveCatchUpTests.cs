using System.Collections.Concurrent;
using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Stores;
using Dashboard.Operations.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Pages;

/// <summary>
/// A change committed after a page loaded but before its live updates began is not lost: the shared hub over the
/// sandbox's real change feed (polling), with the version the page loaded.
/// </summary>
public sealed class LiveCatchUpTests : DashboardTestContext
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(10);

    protected override string LivePollMs => "200";

    private ChangeHub Hub => Services.GetRequiredService<ChangeHub>();

    private ITenantStore Sam => new TenantStoreFactory(
        Services.GetRequiredService<Dashboard.Core.Tenants.TenantRegistry>(), Services.GetRequiredService<ITenantBackends>(),
        new FixedPerson(new Person("agent@example.com", "Sam Support", Role.Support, new HashSet<string> { TenantId })),
        Services.GetRequiredService<IAuditLog>(), TimeProvider.System,
        Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditedDataStore>.Instance).For(TenantId);

    private async Task<Order> NewOrderAsync()
    {
        var ada = (await Store.FindUserByEmailAsync("ada@example.com", Ct))!;
        return await Store.CreateOrderAsync(new NewOrder(ada.Id, "USD", [new OrderItem("SKU-1", "Keyboard", 2, 10.00m)]), Ct);
    }

    private Task<Order> SamMovesToProcessingAsync(Order order) =>
        Sam.UpdateOrderAsync(order.Id, order.Version, new OrderChanges(OrderStatus.Processing, order.Items), Ct);

    /// <summary>A page's subscription: the changes it is told, in order.</summary>
    private sealed class Page : IDisposable
    {
        private readonly IDisposable _subscription;

        public Page(ChangeHub hub, string tenant, Order loaded) =>
            _subscription = hub.Subscribe(tenant, WatchTarget.OrderOf(loaded.Id), Changes.Add, _ => { }, loaded.Version);

        public BlockingCollection<DataChange> Changes { get; } = [];

        public DataChange? Next(TimeSpan within) => Changes.TryTake(out var change, within) ? change : null;

        public void Dispose() => _subscription.Dispose();
    }

    [Fact]
    public async Task A_change_between_the_load_and_a_new_feed_reaches_the_page_with_who_made_it()
    {
        var loaded = await NewOrderAsync();
        var moved = await SamMovesToProcessingAsync(loaded); // after the load, before the page subscribes

        using var page = new Page(Hub, TenantId, loaded);

        var change = page.Next(Arrival);
        Assert.NotNull(change);
        Assert.Equal((loaded.Id, moved.Version, "Sam Support"), (change.EntityId, change.Version, change.ChangedBy));
        Assert.Null(page.Next(TimeSpan.FromSeconds(1))); // once
    }

    [Fact]
    public async Task A_page_joining_a_running_feed_is_handed_the_change_it_missed()
    {
        var loaded = await NewOrderAsync();
        using var first = new Page(Hub, TenantId, loaded);
        await Task.Delay(600, Ct); // the feed has its position
        var moved = await SamMovesToProcessingAsync(loaded);
        Assert.Equal(moved.Version, first.Next(Arrival)?.Version);

        using var second = new Page(Hub, TenantId, loaded); // loaded with the first, subscribed after the change

        Assert.Equal(1, Hub.OpenFeeds);
        var change = second.Next(Arrival);
        Assert.Equal((moved.Version, "Sam Support"), (change?.Version, change?.ChangedBy));
    }

    [Fact]
    public async Task A_page_that_loaded_the_newest_version_is_told_nothing()
    {
        var loaded = await SamMovesToProcessingAsync(await NewOrderAsync());
        using var early = new Page(Hub, TenantId, loaded);
        await Task.Delay(600, Ct);
        using var late = new Page(Hub, TenantId, loaded);

        Assert.Null(early.Next(TimeSpan.FromSeconds(1)));
        Assert.Null(late.Next(TimeSpan.FromMilliseconds(200)));
    }
}
