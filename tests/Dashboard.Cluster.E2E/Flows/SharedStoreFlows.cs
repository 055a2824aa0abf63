using System.Text.RegularExpressions;

namespace Dashboard.Cluster.E2E.Flows;

/// <summary>An agent edits an order on one instance; a person on the other instance sees the new version and its audit entry.</summary>
public sealed class SharedStoreFlows(LocalCluster cluster) : ClusterTest(cluster)
{
    [Fact]
    public async Task An_order_saved_on_one_instance_shows_its_new_version_and_audit_entry_on_the_other()
    {
        var agent = await SignInAsync(AgentEmail, AgentPassword, "/t/sandbox/users");
        var url = await Orders.OpenAdasNewestAsync(agent, "sandbox");
        var version = await Orders.VersionAsync(agent);
        var first = Cluster.InstanceServing(await AffinityOf(agent));
        var other = first == 1 ? 2 : 1;

        var quantity = int.Parse(await Orders.Quantity(agent, 1).InputValueAsync()) % 9 + 1;
        await Orders.Quantity(agent, 1).FillAsync(quantity.ToString());
        await agent.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(agent.GetByText(new Regex("^Order saved"))).ToBeVisibleAsync();

        // Ops, signed in on the other instance directly (not through nginx): the order, its history and the audit log.
        var ops = await SignInAsync(OpsEmail, OpsPassword, new Uri(url).PathAndQuery, Cluster.InstanceUrl(other));
        Assert.Equal(version + 1, await Orders.VersionAsync(ops));
        Assert.Equal(quantity.ToString(), await Orders.Quantity(ops, 1).InputValueAsync());
        var orderId = new Uri(url).Segments.Last();
        var history = ops.GetByRole(AriaRole.Region, new() { Name = $"History of order {orderId}" });
        await Assertions.Expect(history.GetByText("Sam Support").First).ToBeVisibleAsync();

        await ops.GotoAsync("/audit");
        await Assertions.Expect(ops.GetByText(orderId).First).ToBeVisibleAsync();
    }
}
