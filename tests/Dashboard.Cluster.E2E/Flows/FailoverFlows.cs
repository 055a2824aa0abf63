namespace Dashboard.Cluster.E2E.Flows;

/// <summary>
/// The instance holding an agent's circuit dies mid-edit: the browser reconnects through nginx to the survivor,
/// still signed in and on the same URL, and is told plainly which unsaved edits were lost — never a blank page.
/// </summary>
[DisruptsTheCluster]
public sealed class FailoverFlows(LocalCluster cluster) : ClusterTest(cluster)
{
    [Fact]
    public async Task Killing_the_agents_instance_reopens_the_order_on_the_other_and_lists_the_lost_edits()
    {
        var agent = await SignInAsync(AgentEmail, AgentPassword, "/t/sandbox/users");
        var url = await Orders.OpenAdasNewestAsync(agent, "sandbox");
        var typed = (int.Parse(await Orders.Quantity(agent, 1).InputValueAsync()) % 9 + 1).ToString();
        await Orders.Quantity(agent, 1).FillAsync(typed);
        await Assertions.Expect(agent.GetByText("Unsaved changes · the total is computed again when saved")).ToBeVisibleAsync();
        var serving = Cluster.InstanceServing(await AffinityOf(agent));

        await Cluster.RunAsync("kill", serving.ToString());
        try
        {
            var notice = agent.GetByRole(AriaRole.Dialog, new() { Name = "This page moved to another server" });
            await Assertions.Expect(notice).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Assertions.Expect(notice).ToContainTextAsync("Your unsaved changes to this order were lost");
            await Assertions.Expect(notice).ToContainTextAsync($"items: {typed} × ");
            Assert.Equal(url, agent.Url);
            await notice.GetByRole(AriaRole.Button, new() { Name = "OK" }).ClickAsync();

            // Signed in, on the same order, live on the survivor: the stored value, and the page answers.
            await WaitInteractiveAsync(agent);
            await Assertions.Expect(agent.GetByText("Sam Support · Support")).ToBeVisibleAsync();
            Assert.NotEqual(serving, Cluster.InstanceServing(await AffinityOf(agent)));
            await Assertions.Expect(Orders.Quantity(agent, 1)).Not.ToHaveValueAsync(typed);
            await Orders.Quantity(agent, 1).FillAsync(typed);
            await Assertions.Expect(agent.GetByText("Unsaved changes · the total is computed again when saved")).ToBeVisibleAsync();
        }
        finally
        {
            await Cluster.RunAsync("start", serving.ToString());
        }
    }
}
