using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Domain;
using Dashboard.Core.Stores;
using Dashboard.Operations.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Pages;

/// <summary>
/// The order page while someone else commits a change: the sandbox's real change feed (polling) through the
/// shared hub, a second person writing through their own audited store, or a write straight to the backend.
/// </summary>
public sealed class OrderLiveUpdateTests : DashboardTestContext
{
    protected override string LivePollMs => "200";

    private ITenantStore StoreOf(string id, string name) => new TenantStoreFactory(
        Services.GetRequiredService<Dashboard.Core.Tenants.TenantRegistry>(), Services.GetRequiredService<ITenantBackends>(),
        new FixedPerson(new Person(id, name, Role.Support, new HashSet<string> { TenantId })), Services.GetRequiredService<IAuditLog>(),
        TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditedDataStore>.Instance).For(TenantId);

    private ITenantStore Sam => StoreOf("agent@example.com", "Sam Support");

    private async Task<Order> NewOrderAsync()
    {
        var ada = (await Store.FindUserByEmailAsync("ada@example.com", Ct))!;
        return await Store.CreateOrderAsync(new NewOrder(ada.Id, "USD",
            [new OrderItem("SKU-1", "Keyboard", 2, 10.00m), new OrderItem("SKU-2", "Cable", 1, 2.50m)]), Ct);
    }

    private IRenderedComponent<OrderDetail> RenderOrder(Order order)
    {
        RenderProviders();
        var cut = Render<OrderDetail>(p => p.Add(x => x.Tenant, TenantId).Add(x => x.OrderId, order.Id));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=order-total]")));
        return cut;
    }

    /// <summary>Waits until the page's feed has seen the order once, so the next change is certainly followed.</summary>
    private void WaitUntilWatching(Order order)
    {
        var hub = Services.GetRequiredService<ChangeHub>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (hub.OpenFeeds != 1 && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.Equal(1, hub.OpenFeeds);
    }

    private async Task<Order> SamMovesToProcessingAsync(Order order)
    {
        await Task.Delay(600, Ct); // a poll or two, so the feed's starting position is the version the page shows
        return await Sam.UpdateOrderAsync(order.Id, order.Version, new OrderChanges(OrderStatus.Processing, order.Items), Ct);
    }

    [Fact]
    public async Task With_unsaved_edits_a_change_keeps_them_marks_what_moved_and_says_who()
    {
        var order = await NewOrderAsync();
        var cut = RenderOrder(order);
        WaitUntilWatching(order);
        cut.Type("Quantity, line 1", "5");

        await SamMovesToProcessingAsync(order);

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-moved=status]")));
        Assert.Contains("Changed by Sam Support at", cut.Markup);
        Assert.Contains("status Pending → Processing", cut.Markup);
        Assert.Equal("5", cut.Field("Quantity, line 1").GetAttribute("value"));
        Assert.Empty(cut.FindAll("[data-moved=items]"));
        Assert.NotNull(cut.Button("Take theirs"));
        Assert.NotNull(cut.Button("Keep mine and re-apply"));
    }

    [Fact]
    public async Task Take_theirs_drops_the_edits_and_shows_the_stored_values()
    {
        var order = await NewOrderAsync();
        var cut = RenderOrder(order);
        WaitUntilWatching(order);
        cut.Type("Quantity, line 1", "5");
        var theirs = await SamMovesToProcessingAsync(order);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-moved=status]")));

        cut.Button("Take theirs").Click();

        cut.WaitForAssertion(() => Assert.Equal("2", cut.Field("Quantity, line 1").GetAttribute("value")));
        Assert.Empty(cut.FindAll("[data-moved]"));
        Assert.DoesNotContain("Unsaved changes", cut.Markup);
        Assert.Contains($"version {theirs.Version}", cut.Markup);
    }

    [Fact]
    public async Task Keep_mine_and_reapply_saves_the_edits_on_top_of_their_version()
    {
        var order = await NewOrderAsync();
        var cut = RenderOrder(order);
        WaitUntilWatching(order);
        cut.Type("Quantity, line 1", "5");
        var theirs = await SamMovesToProcessingAsync(order);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-moved=status]")));

        cut.Button("Keep mine and re-apply").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-moved]")));
        Assert.Equal("5", cut.Field("Quantity, line 1").GetAttribute("value"));
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains($"version {theirs.Version + 1}", cut.Markup));
        var stored = await Store.GetOrderAsync(order.Id, Ct);
        Assert.Equal((OrderStatus.Processing, 5, theirs.Version + 1), (stored.Status, stored.Items[0].Quantity, stored.Version));
    }

    [Fact]
    public async Task Without_edits_the_page_shows_the_new_values()
    {
        var order = await NewOrderAsync();
        var cut = RenderOrder(order);
        WaitUntilWatching(order);

        var theirs = await SamMovesToProcessingAsync(order);

        cut.WaitForAssertion(() => Assert.Contains($"version {theirs.Version}", cut.Markup));
        Assert.Contains("Changed by Sam Support at", cut.Markup);
        Assert.Empty(cut.FindAll("[data-moved]"));
    }

    [Fact]
    public async Task A_write_straight_to_the_backend_is_changed_outside_the_dashboard()
    {
        var order = await NewOrderAsync();
        var cut = RenderOrder(order);
        WaitUntilWatching(order);
        await Task.Delay(600, Ct);

        var backend = Services.GetRequiredService<ITenantBackends>().For(TenantId);
        var moved = order with { Status = OrderStatus.Processing, Version = order.Version + 1, UpdatedAt = DateTimeOffset.UtcNow };
        await backend.UpdateOrderAsync(moved, order, Ct);

        cut.WaitForAssertion(() => Assert.Contains("Changed outside the dashboard (status Pending → Processing)", cut.Markup));
    }

    [Fact]
    public async Task Closing_the_page_stops_its_feed()
    {
        var order = await NewOrderAsync();
        var cut = RenderOrder(order);
        WaitUntilWatching(order);
        var second = Render<OrderDetail>(p => p.Add(x => x.Tenant, TenantId).Add(x => x.OrderId, order.Id));
        second.WaitForAssertion(() => Assert.NotNull(second.Find("[data-testid=order-total]")));
        var hub = Services.GetRequiredService<ChangeHub>();
        Assert.Equal(1, hub.OpenFeeds); // two pages, one shared feed

        cut.Instance.Dispose();
        Assert.Equal(1, hub.OpenFeeds);
        second.Instance.Dispose();
        Assert.Equal(0, hub.OpenFeeds);
    }
}
