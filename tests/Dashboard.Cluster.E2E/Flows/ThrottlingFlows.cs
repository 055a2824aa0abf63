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
        // Exact, unless the dashboard gave up on calls whose throttle answers the proxy still sent: each such call is
        // at most its attempts' worth of throttles the dashboard never read.
        var abandoned = await Cluster.AbandonedCallsAsync("acme");
        AssertCountedUnlessAbandoned(throttled - throttledBefore, (long)(counted - countedBefore), abandoned, "since this flow's load");

        var ops = await SignInAsync(OpsEmail, OpsPassword, "/ops/throttling?tenant=acme");
        await Assertions.Expect(ops.GetByTestId("figures-scope")).ToHaveAttributeAsync("data-scope", "fleet");
        var retried = long.Parse(await ops.GetByTestId("throttles-retried").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var surfaced = long.Parse(await ops.GetByTestId("throttles-surfaced").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        // The window holds every throttle since the cluster started, those of instances restarted since included.
        AssertCountedUnlessAbandoned(throttled, retried + surfaced, abandoned, "on the page, since the cluster started");

        var causes = ops.GetByRole(AriaRole.Region, new() { Name = "Throttle events by provider, tenant, operation and cause" });
        var causeInstances = await causes.Locator("td[data-label=Instance]").AllInnerTextsAsync();
        Assert.Equal(["dashboard-1", "dashboard-2"], causeInstances.Distinct().Order());
        var latest = ops.GetByRole(AriaRole.Region, new() { Name = "Latest throttle events" });
        var listed = await latest.Locator("td[data-label=Instance]").AllInnerTextsAsync();
        Assert.Equal(["dashboard-1", "dashboard-2"], listed.Distinct().Order());
        // Every event reached the shared list (each instance writes once a second; the page was opened after that).
        await Assertions.Expect(ops.GetByTestId("throttle-list-gap")).ToHaveCountAsync(0);
    }

    /// <summary>Attempts a call makes before a throttle surfaces (the resilience layer's default): the most throttles one call can take.</summary>
    private const int AttemptsPerCall = 3;

    private static void AssertCountedUnlessAbandoned(long proxyThrottled, long counted, double abandoned, string what)
    {
        var unread = proxyThrottled - counted;
        Assert.True(unread == 0 || (unread > 0 && unread <= abandoned * AttemptsPerCall),
            $"the proxy throttled {proxyThrottled} calls, the dashboard counted {counted} ({what}), with {abandoned} calls abandoned");
    }

    private async Task<double> PrometheusThrottlesAsync() =>
        (await Cluster.QueryAsync("sum(dashboard_store_throttles_total{job=\"dashboard\",dashboard_tenant=\"acme\"})")).SingleOrDefault().Value;
}
