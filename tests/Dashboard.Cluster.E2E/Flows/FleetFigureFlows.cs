using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dashboard.Cluster.E2E.Flows;

/// <summary>
/// Load made inside each instance shows on the ops pages as one sum, equal to Prometheus's own answer and to what
/// the backend itself reported (DynamoDB's ConsumedCapacity, summed by the throttle proxy it passed through; the
/// ops FaunaLocal reported in its answers' stats, summed by FaunaLocal).
/// The cluster is younger than the pages' windows, so "everything counted since start" is the window's figure.
/// </summary>
public sealed class FleetFigureFlows(LocalCluster cluster) : ClusterTest(cluster)
{
    [Fact]
    public async Task Throughput_shows_the_calls_of_both_instances_as_Prometheus_counts_them()
    {
        var one = await Cluster.LoadAsync(1, "sandbox", rps: 10, seconds: 2);
        var two = await Cluster.LoadAsync(2, "sandbox", rps: 10, seconds: 2);
        await Cluster.WaitForScrapesAsync();

        var perInstance = await Cluster.QueryAsync("sum by (instance) (dashboard_store_operations_total{job=\"dashboard\",dashboard_tenant=\"sandbox\"})");
        Assert.Equal(["dashboard-1", "dashboard-2"], perInstance.Select(s => s.Labels["instance"]).Order());
        Assert.True(perInstance.Single(s => s.Labels["instance"] == "dashboard-1").Value >= one.GetProperty("completed").GetInt64());
        Assert.True(perInstance.Single(s => s.Labels["instance"] == "dashboard-2").Value >= two.GetProperty("completed").GetInt64());

        var ops = await SignInAsync(OpsEmail, OpsPassword, "/ops/throughput?tenant=sandbox");
        var scope = ops.GetByTestId("figures-scope");
        await Assertions.Expect(scope).ToHaveAttributeAsync("data-scope", "fleet");
        await Assertions.Expect(scope).ToContainTextAsync("dashboard-1, dashboard-2 (2 of 2 answering scrapes)");
        var table = ops.GetByRole(AriaRole.Region, new() { Name = "Throughput by provider, tenant and operation" });
        var tenantRow = table.Locator("tr").Filter(new() { Has = ops.Locator("td[data-label=Name] strong", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^sandbox$") }) });
        var (shown, asOf) = await ReadFleetFiguresAsync(ops, async () =>
            long.Parse(await tenantRow.Locator("td[data-label=Calls]").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture));

        // Prometheus's own answer at the moment the page asked (health pings keep adding sandbox calls after it).
        var total = (await Cluster.QueryAsync("sum(dashboard_store_operations_total{job=\"dashboard\",dashboard_tenant=\"sandbox\"})", asOf)).Single().Value;
        Assert.Equal((long)total, shown);
        Assert.True(total >= one.GetProperty("completed").GetInt64() + two.GetProperty("completed").GetInt64());
    }

    [Fact]
    public async Task Cost_shows_the_capacity_DynamoDB_reported_for_both_instances_calls()
    {
        await Task.WhenAll(Cluster.LoadAsync(1, "acme", rps: 10, seconds: 2), Cluster.LoadAsync(2, "acme", rps: 10, seconds: 2));

        var (dynamo, prometheus) = await SettledCapacityAsync("acme");
        Assert.True(dynamo.Read > 0 && dynamo.Write > 0, $"{dynamo}");
        // A call the dashboard gave up on as its answer arrived (a health ping at its 3 s deadline on a loaded
        // machine) was billed and reached the socket, but was never metered: allow that ping's read, nothing else.
        var abandoned = await Cluster.AbandonedCallsAsync("acme");
        var unmetered = dynamo.Read - prometheus.Read;
        Assert.True(Math.Abs(unmetered) < 1e-6 || (unmetered > 0 && unmetered <= PingReadUnits * abandoned + 1e-6),
            $"DynamoDB reported {dynamo.Read} read units, the dashboard metered {prometheus.Read}, with {abandoned} calls abandoned");
        Assert.Equal(dynamo.Write, prometheus.Write, 6);

        var ops = await SignInAsync(OpsEmail, OpsPassword, "/ops/cost?window=24h");
        await Assertions.Expect(ops.GetByTestId("figures-scope")).ToHaveAttributeAsync("data-scope", "fleet");
        var acme = ops.GetByRole(AriaRole.Region, new() { Name = "Estimated cost of tenant acme on DynamoDB" });
        var ((shownRead, shownWrite), asOf) = await ReadFleetFiguresAsync(ops, async () =>
            (await QuantityAsync(acme, "Read request units"), await QuantityAsync(acme, "Write request units")));
        // Prometheus at the moment the page asked: health pings may have added units since the check above.
        var atPage = await PrometheusCapacityAsync("acme", asOf);
        Assert.Equal(Math.Round(atPage.Read, 2), shownRead);
        Assert.Equal(Math.Round(atPage.Write, 2), shownWrite);
    }

    [Fact]
    public async Task Cost_shows_the_ops_FaunaLocal_reported_for_both_instances_calls()
    {
        await Cluster.WaitForDemoDataAsync(["initech"], TimeSpan.FromMinutes(2));
        await Task.WhenAll(Cluster.LoadAsync(1, "initech", rps: 10, seconds: 2), Cluster.LoadAsync(2, "initech", rps: 10, seconds: 2));

        var (fauna, prometheus) = await SettledOpsAsync("initech");
        Assert.True(fauna.Read > 0 && fauna.Write > 0 && fauna.Compute > 0, $"{fauna}");
        // As with DynamoDB, a call given up on as its answer arrived was spent but never metered: only then may
        // FaunaLocal's count be the larger.
        var abandoned = await Cluster.AbandonedCallsAsync("initech");
        if (abandoned == 0) Assert.Equal(fauna, prometheus);
        else Assert.True(fauna.Read >= prometheus.Read && fauna.Write >= prometheus.Write && fauna.Compute >= prometheus.Compute,
            $"FaunaLocal reported {fauna}, the dashboard metered {prometheus}, with {abandoned} calls abandoned");

        var ops = await SignInAsync(OpsEmail, OpsPassword, "/ops/cost?window=24h");
        await Assertions.Expect(ops.GetByTestId("figures-scope")).ToHaveAttributeAsync("data-scope", "fleet");
        var initech = ops.GetByRole(AriaRole.Region, new() { Name = "Estimated cost of tenant initech on Fauna" });
        var (shown, asOf) = await ReadFleetFiguresAsync(ops, async () =>
            (await QuantityAsync(initech, "Read ops"), await QuantityAsync(initech, "Write ops"), await QuantityAsync(initech, "Compute ops")));
        var atPage = await PrometheusOpsAsync("initech", asOf);
        Assert.Equal(((double)atPage.Read, (double)atPage.Write, (double)atPage.Compute), shown);
    }

    /// <summary>FaunaLocal's count and Prometheus's sum for the tenant's database, taken with no call landing between them.</summary>
    private async Task<((long Read, long Write, long Compute) Fauna, (long Read, long Write, long Compute) Prometheus)> SettledOpsAsync(string tenant)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = await FaunaUsageAsync();
            await Cluster.WaitForScrapesAsync();
            var prometheus = await PrometheusOpsAsync(tenant);
            var after = await FaunaUsageAsync();
            if (before == after || attempt == 5) return (after, prometheus);
        }
    }

    /// <summary>The ops FaunaLocal reported for the root database, which the cluster's Fauna tenant uses (its key is the root secret).</summary>
    private async Task<(long Read, long Write, long Compute)> FaunaUsageAsync()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Cluster.FaunaLocalUrl, "/usage/1"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "secret");
        using var response = await http.SendAsync(request, Ct);
        var usage = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Console.WriteLine($"FaunaLocal's usage: {usage}");
        return (usage.GetProperty("read_ops").GetInt64(), usage.GetProperty("write_ops").GetInt64(), usage.GetProperty("compute_ops").GetInt64());
    }

    private async Task<(long Read, long Write, long Compute)> PrometheusOpsAsync(string tenant, DateTimeOffset? at = null)
    {
        var units = (await Cluster.QueryAsync(
                $"sum by (dashboard_usage_unit) (dashboard_store_usage_total{{job=\"dashboard\",dashboard_tenant=\"{tenant}\"}})", at))
            .ToDictionary(s => s.Labels["dashboard_usage_unit"], s => (long)Math.Round(s.Value));
        return (units.GetValueOrDefault("read_ops"), units.GetValueOrDefault("write_ops"), units.GetValueOrDefault("compute_ops"));
    }

    /// <summary>
    /// DynamoDB's ledger and Prometheus's sum for one tenant's table, taken so that no call landed between them: the
    /// ledger is read before and after the scrapes and must not have moved. Calls outside the load can (a health
    /// retry of a tenant that was not ready at start), so a moved ledger means measure again.
    /// </summary>
    private async Task<((double Read, double Write) Dynamo, (double Read, double Write) Prometheus)> SettledCapacityAsync(string tenant)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = await LedgerAsync(tenant);
            await Cluster.WaitForScrapesAsync();
            var prometheus = await PrometheusCapacityAsync(tenant);
            var after = await LedgerAsync(tenant);
            if (before == after || attempt == 5) return (after, prometheus);
        }
    }

    /// <summary>
    /// The read and write capacity DynamoDB reported for the tenant's table on answers the dashboard received, summed
    /// by the throttle proxy. Answers to attempts the SDK had given up on are billed but unseen by any client: the
    /// proxy counts them apart, and they are printed for a failing comparison.
    /// </summary>
    private async Task<(double Read, double Write)> LedgerAsync(string tenant)
    {
        using var http = new HttpClient();
        var ledger = await http.GetFromJsonAsync<JsonElement>(new Uri(Cluster.ThrottleProxyUrl, "/__capacity"), Ct);
        var table = ledger.GetProperty("tables").GetProperty($"dashboard-{tenant}");
        Console.WriteLine($"ledger for {tenant}: {table}");
        return (table.GetProperty("read").GetDouble(), table.GetProperty("write").GetDouble());
    }

    /// <summary>An eventually consistent read of a key that never exists: what a DynamoDB health ping consumes.</summary>
    private const double PingReadUnits = 0.5;

    private async Task<(double Read, double Write)> PrometheusCapacityAsync(string tenant, DateTimeOffset? at = null)
    {
        var units = (await Cluster.QueryAsync(
                $"sum by (dashboard_usage_unit) (dashboard_store_usage_total{{job=\"dashboard\",dashboard_tenant=\"{tenant}\"}})", at))
            .ToDictionary(s => s.Labels["dashboard_usage_unit"], s => s.Value);
        return (units.GetValueOrDefault("read_capacity_units"), units.GetValueOrDefault("write_capacity_units"));
    }

    /// <summary>The Quantity cell of an item's row ("1,234.5 RRU").</summary>
    private static async Task<double> QuantityAsync(ILocator table, string item)
    {
        var row = table.Locator("tr").Filter(new() { Has = table.Page.Locator("td[data-label=Item]", new() { HasTextString = item }) });
        var text = await row.Locator("td[data-label=Quantity]").InnerTextAsync();
        return double.Parse(text.Split(' ')[0], NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }
}
