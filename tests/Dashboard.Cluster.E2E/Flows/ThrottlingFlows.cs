using System.Globalization;

namespace Dashboard.Cluster.E2E.Flows;

/// <summary>DynamoDB throttles calls made on both instances: the throttling page counts them all, lists both instances' events.</summary>
public sealed class ThrottlingFlows(LocalCluster cluster) : ClusterTest(cluster)
{
    [Fact]
    public async Task Throttling_counts_and_lists_the_events_of_both_instances()
    {
        // Counted from here: an instance killed and restarted by an earlier flow starts its counters again, so the
        // sum of every instance's counter no longer holds the throttles made before (the pages' window figures do).
        await Cluster.WaitForScrapesAsync();
        var (throttledBefore, countedBefore) = (await Cluster.ProxyThrottledAsync(), await PrometheusThrottlesAsync());
        await Cluster.ThrottledLoadOnBothAsync("acme", share: 0.5);
        await Cluster.WaitForScrapesAsync();
        var throttled = await Cluster.ProxyThrottledAsync();
        var counted = await PrometheusThrottlesAsync();
        Assert.True(throttled > throttledBefore);
        Assert.Equal(throttled - throttledBefore, (long)(counted - countedBefore));

        var ops = await SignInAsync(OpsEmail, OpsPassword, "/ops/throttling?tenant=acme");
        await Assertions.Expect(ops.GetByTestId("figures-scope")).ToHaveAttributeAsync("data-scope", "fleet");
        var retried = long.Parse(await ops.GetByTestId("throttles-retried").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var surfaced = long.Parse(await ops.GetByTestId("throttles-surfaced").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        // The window holds every throttle since the cluster started, those of instances restarted since included.
        Assert.Equal(throttled, retried + surfaced);

        var causes = ops.GetByRole(AriaRole.Region, new() { Name = "Throttle events by provider, tenant, operation and cause" });
        var causeInstances = await causes.Locator("td[data-label=Instance]").AllInnerTextsAsync();
        Assert.Equal(["dashboard-1", "dashboard-2"], causeInstances.Distinct().Order());
        var latest = ops.GetByRole(AriaRole.Region, new() { Name = "Latest throttle events" });
        var listed = await latest.Locator("td[data-label=Instance]").AllInnerTextsAsync();
        Assert.Equal(["dashboard-1", "dashboard-2"], listed.Distinct().Order());
        // Every event reached the shared list (each instance writes once a second; the page was opened after that).
        await Assertions.Expect(ops.GetByTestId("throttle-list-gap")).ToHaveCountAsync(0);
    }

    private async Task<double> PrometheusThrottlesAsync() =>
        (await Cluster.QueryAsync("sum(dashboard_store_throttles_total{job=\"dashboard\",dashboard_tenant=\"acme\"})")).SingleOrDefault().Value;
}
