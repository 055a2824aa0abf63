using System.Diagnostics;

namespace Dashboard.Cluster.E2E.Flows;

/// <summary>Prometheus stops: the ops pages say so, show this instance's own figures, and stay usable.</summary>
public sealed class PrometheusDownFlows(LocalCluster cluster) : ClusterTest(cluster)
{
    [Fact]
    public async Task With_Prometheus_down_the_ops_pages_say_so_and_stay_usable()
    {
        var pidFile = Path.Combine(Cluster.StackFolder, "cluster", "prometheus", "pid");
        using (var prometheus = Process.GetProcessById(int.Parse(File.ReadAllText(pidFile).Trim())))
        {
            prometheus.Kill();
            await prometheus.WaitForExitAsync(Ct);
        }
        try
        {
            var ops = await SignInAsync(OpsEmail, OpsPassword, "/ops/throughput");
            var scope = ops.GetByTestId("figures-scope");
            await Assertions.Expect(scope).ToHaveAttributeAsync("data-scope", "instance");
            await Assertions.Expect(scope).ToContainTextAsync("did not answer");
            await Assertions.Expect(scope).ToContainTextAsync("This instance only (dashboard-");

            // Still a working page: refresh, the other ops pages, a window change.
            await ops.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
            await Assertions.Expect(scope).ToContainTextAsync("did not answer");
            await ops.GetByRole(AriaRole.Link, new() { Name = "Throttling" }).ClickAsync();
            await Assertions.Expect(ops.GetByRole(AriaRole.Heading, new() { Name = "Throttling", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(ops.GetByTestId("figures-scope")).ToContainTextAsync("did not answer");
            await ops.GetByRole(AriaRole.Link, new() { Name = "Cost" }).ClickAsync();
            await Assertions.Expect(ops.GetByRole(AriaRole.Heading, new() { Name = "Estimated cost" })).ToBeVisibleAsync();
            await Assertions.Expect(ops.GetByTestId("figures-scope")).ToContainTextAsync("did not answer");
            await Assertions.Expect(ops.GetByRole(AriaRole.Alert).Filter(new() { HasTextString = "could not be computed" })).ToHaveCountAsync(0);
        }
        finally
        {
            // Starts what is down (Prometheus) and leaves the rest as it is.
            await Cluster.RunAsync("up", "--no-build");
        }
    }
}
