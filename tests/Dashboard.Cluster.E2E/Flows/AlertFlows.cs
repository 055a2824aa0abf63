using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Cluster.E2E.Flows;

/// <summary>
/// The fleet's alert evaluator (one instance, under the lease) judges the tenant rules from Prometheus: throttled load
/// made on both instances adds up in the one throttling alert, beyond what either instance saw itself.
/// </summary>
public sealed partial class AlertFlows(LocalCluster cluster) : ClusterTest(cluster)
{
    private const string Calls = "dashboard_store_operations_total{job=\"dashboard\",dashboard_tenant=\"acme\"}";
    private const string Retried = "dashboard_store_throttles_total{job=\"dashboard\",dashboard_tenant=\"acme\",dashboard_throttle_retried=\"true\"}";

    [Fact]
    public async Task The_retried_share_alert_counts_the_attempts_of_both_instances()
    {
        await Cluster.WaitForScrapesAsync();
        var before = await AttemptsAsync();
        await Cluster.ThrottledLoadOnBothAsync("acme", share: 0.5);
        await Cluster.WaitForScrapesAsync();
        var after = await AttemptsAsync();
        var added = after.ToDictionary(a => a.Key, a => a.Value - before.GetValueOrDefault(a.Key));
        Assert.Equal(["dashboard-1", "dashboard-2"], added.Where(a => a.Value > 0).Select(a => a.Key).Order());
        // The most attempts one instance made in any 5 minutes up to now (the rule's window, and half a minute more).
        var earlier = await AttemptsAsync(DateTimeOffset.UtcNow.AddMinutes(-5.5));
        var mostByOne = after.Max(a => a.Value - earlier.GetValueOrDefault(a.Key));

        // The alert is observed every round (15 s): wait for the round after the load was scraped.
        var ops = await SignInAsync(OpsEmail, OpsPassword, "/ops/alerts");
        var row = ops.Locator("tr").Filter(new() { HasTextString = "Retried throttle share" }).Filter(new() { HasTextString = "tenant acme" });
        var deadline = DateTime.UtcNow.AddSeconds(45);
        long shown = 0;
        string summary = "";
        while (DateTime.UtcNow < deadline)
        {
            if (await row.CountAsync() > 0)
            {
                summary = await row.First.Locator("td[data-label=Subject]").InnerTextAsync();
                if (Attempts().Match(summary) is { Success: true } m)
                    shown = long.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                if (shown >= added.Values.Sum()) break;
            }
            await Task.Delay(2000, Ct);
            await GoToAsync(ops, "/ops/alerts");
        }
        Assert.True(shown >= added.Values.Sum(), $"the alert counts {shown} attempts, the two instances made {added.Values.Sum()} ({summary})");
        Assert.True(shown > mostByOne, $"the alert counts {shown} attempts, no more than one instance's {mostByOne} ({summary})");
    }

    /// <summary>Each instance's attempts on acme so far (calls and the retries they took), as Prometheus has them.</summary>
    private async Task<Dictionary<string, double>> AttemptsAsync(DateTimeOffset? at = null)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var query in new[] { $"sum by (instance) ({Calls})", $"sum by (instance) ({Retried})" })
            foreach (var (labels, value) in await Cluster.QueryAsync(query, at))
                result[labels["instance"]] = result.GetValueOrDefault(labels["instance"]) + value;
        return result;
    }

    [GeneratedRegex(@"of ([\d,]+) attempts")]
    private static partial Regex Attempts();
}
