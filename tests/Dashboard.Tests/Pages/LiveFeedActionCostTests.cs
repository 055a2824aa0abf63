using Dashboard.Core.Live;
using Dashboard.Core.Stores;
using Dashboard.Operations.Live;
using Dashboard.Operations.Metering;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Pages;

/// <summary>
/// A shared live feed is started by whichever page subscribes first, inside that page's action (a click, a
/// navigation), and outlives it. Its reads are metered as live updates, never added to that page's "this page: …"
/// cost: charged to it, the cost line changed and rendered again at every poll, on a page the person had left.
/// </summary>
public sealed class LiveFeedActionCostTests : DashboardTestContext
{
    protected override string LivePollMs => "100";

    /// <summary>The host's metering around the store, with the sink that adds a call to the action in progress.</summary>
    public LiveFeedActionCostTests()
    {
        Services.AddSingleton<IStoreCallSink, ActionUsageSink>();
        Services.AddSingleton<IDataStoreDecorator, MeteringDecorator>();
    }

    [Fact]
    public async Task A_feed_started_inside_a_page_action_does_not_add_its_reads_to_that_action()
    {
        var hub = Services.GetRequiredService<ChangeHub>();
        var page = new ActionUsage();
        ActionUsage.Current = page;
        page.BeginActivity();

        using (hub.Subscribe(TenantId, WatchTarget.TenantUsers, _ => { }, _ => { }))
        {
            // The feed has taken its position and polled several times since.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (hub.PositionedFeeds == 0 && DateTime.UtcNow < deadline) await Task.Delay(50, Ct);
            Assert.Equal(1, hub.PositionedFeeds);
            await Task.Delay(600, Ct);
        }

        Assert.Equal(0, page.Snapshot().Calls);
    }
}
