using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Core.Domain;
using Dashboard.Operations.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Pages;

/// <summary>The user page and the lists while someone else adds orders or changes the profile (the sandbox's real change feed).</summary>
public sealed class ListLiveUpdateTests : DashboardTestContext
{
    protected override string LivePollMs => "200";

    /// <summary>
    /// Until the page's feeds run and have taken their starting position (a listing's feed announces only changes
    /// after that, a known limit), however long a loaded machine takes for the first poll.
    /// </summary>
    private void WaitUntilWatching(int feeds)
    {
        var hub = Services.GetRequiredService<ChangeHub>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((hub.OpenFeeds != feeds || hub.PositionedFeeds != feeds) && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.Equal(feeds, hub.OpenFeeds);
        Assert.Equal(feeds, hub.PositionedFeeds);
    }

    [Fact]
    public async Task A_new_order_of_the_user_appears_at_the_top_of_their_orders()
    {
        var ada = (await Store.FindUserByEmailAsync("ada@example.com", Ct))!;
        RenderProviders();
        var cut = Render<UserDetail>(p => p.Add(x => x.Tenant, TenantId).Add(x => x.UserId, ada.Id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("a.small-id")));
        WaitUntilWatching(feeds: 2); // the profile and the orders

        var order = await Store.CreateOrderAsync(new NewOrder(ada.Id, "USD", [new OrderItem("SKU-9", "Lamp", 1, 5m)]), Ct);

        cut.WaitForAssertion(() => Assert.Equal(order.Id, cut.FindAll("a.small-id")[0].TextContent));
    }

    [Fact]
    public async Task A_profile_change_shows_with_who_made_it()
    {
        var ada = (await Store.FindUserByEmailAsync("ada@example.com", Ct))!;
        RenderProviders();
        var cut = Render<UserDetail>(p => p.Add(x => x.Tenant, TenantId).Add(x => x.UserId, ada.Id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("a.small-id")));
        WaitUntilWatching(feeds: 2);
        cut.Type("Name", "Ada Mine");

        await Store.UpdateUserAsync(ada.Id, ada.Version, new UserChanges(ada.Email, "Ada Theirs"), Ct);

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-moved=name]")));
        Assert.Contains("name Ada Lovelace → Ada Theirs", cut.Markup.Replace(ada.Name, "Ada Lovelace"));
        cut.Button("Take theirs").Click();
        cut.WaitForAssertion(() => Assert.Equal("Ada Theirs", cut.Field("Name").GetAttribute("value")));
    }

    [Fact]
    public async Task New_orders_wait_behind_a_bar_until_shown()
    {
        var ada = (await Store.FindUserByEmailAsync("ada@example.com", Ct))!;
        RenderProviders();
        var cut = Render<Dashboard.Components.Pages.Orders>(p => p.Add(x => x.Tenant, TenantId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("tbody tr")));
        var firstRow = cut.FindAll("tbody tr")[0].TextContent;
        WaitUntilWatching(feeds: 1);

        var created = new List<Order>();
        for (var i = 0; i < 3; i++) created.Add(await Store.CreateOrderAsync(new NewOrder(ada.Id, "USD", [new OrderItem("SKU-9", "Lamp", 1, 5m)]), Ct));

        cut.WaitForAssertion(() => Assert.Contains("3 new orders", cut.Find("[data-testid=new-items]").TextContent));
        Assert.Equal(firstRow, cut.FindAll("tbody tr")[0].TextContent); // nothing moved
        cut.Find("[data-testid=new-items] button").Click();
        cut.WaitForAssertion(() => Assert.Contains(created[^1].Id, cut.FindAll("tbody tr")[0].TextContent));
        Assert.Empty(cut.FindAll("[data-testid=new-items]"));
    }
}
