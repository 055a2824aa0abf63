using System.Net;
using Dashboard.Core.Stores;
using Dashboard.Operations.Metering.Rolling;
using Dashboard.Tests.Metering;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Access;

/// <summary>The ops pages' CSV exports over HTTP: Ops only, every matching tenant (where the page shows ten), the page's search and order.</summary>
public sealed class OpsExportHttpTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Throughput_export_holds_every_matching_tenant_in_the_asked_order_with_a_formula_guard()
    {
        var store = server.Services.GetRequiredService<RollingStore>();
        for (var i = 0; i < 30; i++)
            for (var call = 0; call <= i; call++)
                store.Record(Calls.Finished(Calls.Series($"x{i:00}", "DynamoDB", StoreOperation.GetUser), 4));
        // A tenant id from the metrics no configuration checks: a spreadsheet must not run it.
        store.Record(Calls.Finished(Calls.Series("=HYPERLINK(\"x\")", "DynamoDB", StoreOperation.GetUser), 4));
        var client = await server.SignedInAsync("ops@example.com", "ops-pass-1");

        var response = await client.GetAsync("/ops/export/throughput.csv?window=1h&q=x&sort=calls", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString());
        var lines = (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("provider,tenant,operation,calls,", lines[0]);
        var tenantLines = lines.Skip(1).Where(l => l.Split(',')[2] == "").ToList();
        Assert.Equal(Enumerable.Range(0, 30).Reverse().Select(i => $"x{i:00}"), tenantLines.Where(l => l.Contains(",x")).Select(l => l.Split(',')[1]));
        Assert.Contains(lines, l => l.Contains("\"'=HYPERLINK(\"\"x\"\")\""));
        Assert.DoesNotContain(lines, l => l.Split(',')[1].StartsWith('='));
    }

    [Theory]
    [InlineData("/ops/export/throughput.csv")]
    [InlineData("/ops/export/throttling.csv")]
    [InlineData("/ops/export/cost.csv")]
    public async Task Only_Ops_may_export_the_fleet(string url)
    {
        var agent = await server.SignedInAsync("agent@example.com", "agent-pass-1");
        var ops = await server.SignedInAsync("ops@example.com", "ops-pass-1");

        // Refused as any Ops route is: sent to the forbidden page, no CSV.
        var refused = await agent.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.Found, refused.StatusCode);
        Assert.Equal("/forbidden", refused.Headers.Location!.AbsolutePath);
        var response = await ops.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(url.Contains("cost") ? "provider,tenant,item," : url.Contains("throttling") ? "instance,provider," : "provider,tenant,", (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF'));
    }

    [Fact]
    public async Task Only_Ops_may_read_the_alert_rules_as_Prometheus_rules()
    {
        var agent = await server.SignedInAsync("agent@example.com", "agent-pass-1");
        var ops = await server.SignedInAsync("ops@example.com", "ops-pass-1");

        var refused = await agent.GetAsync("/ops/alerts/rules.yml", Ct);
        Assert.Equal(HttpStatusCode.Found, refused.StatusCode);
        Assert.Equal("/forbidden", refused.Headers.Location!.AbsolutePath);
        var response = await ops.GetAsync("/ops/alerts/rules.yml", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("  - name: dashboard-alerts", await response.Content.ReadAsStringAsync(Ct));
    }
}
