using Dashboard.Core.Alerts;
using Dashboard.Core.Demo;
using Dashboard.Core.Tenants;
using Dashboard.Operations.Alerts;
using Dashboard.Operations.Load;
using Dashboard.Operations.Metering;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Alerts;

/// <summary>
/// The seed's "set up billing alerts" end to end on a real DynamoDB Local: the load tool's mix for a few seconds on a
/// tenant with a tiny monthly budget projects past it (the cost page's projection over a 1-minute window), the budget
/// alert fires, and the webhook hears it once. The demo data is loaded unmetered, so only the load counts.
/// </summary>
[Trait("Backend", "DynamoDb")]
public sealed class BudgetAlertUnderLoadTests : DynamoDbAlertTest
{
    private const string Key = "Budget:tenant acme";

    [Fact]
    public async Task The_load_tools_mix_on_a_tenant_with_a_tiny_budget_fires_the_budget_alert_notified_once()
    {
        await using var receiver = new WebhookReceiver();
        await using var provider = await ServicesAsync(Dynamo.Url, new()
        {
            ["Alerts:Budget:TenantMonthlyUsd:acme"] = "0.05",
            ["Alerts:Budget:WindowMinutes"] = "1",
            ["Alerts:Budget:Percent"] = "80",
            ["Alerts:EvaluateEverySeconds"] = "2",
            ["Alerts:LeaseSeconds"] = "10",
            ["Alerts:Webhooks:0:Url"] = receiver.Url,
            ["Alerts:Webhooks:0:FirstBackoffMs"] = "100",
        });
        var registry = provider.GetRequiredService<TenantRegistry>();
        var tenant = registry.Get("acme");
        var raw = registry.ProviderOf(tenant).Create(tenant);
        try
        {
            await raw.EnsureSchemaAsync(Ct);
            Assert.True(await DemoDataSeeder.SeedAsync(raw, Ct, userCount: 20));
        }
        finally
        {
            (raw as IDisposable)?.Dispose();
        }
        var engine = provider.GetRequiredService<AlertEngine>();
        var alerts = provider.GetRequiredService<IAlertStore>();
        await provider.GetRequiredService<WebhookNotifier>().StartAsync(Ct);

        await engine.RunOnceAsync(Ct);
        Assert.DoesNotContain(await alerts.ListOpenAsync(Ct), a => a.Key == Key);

        var load = await new LoadGenerator(LoadTarget.For(provider, "acme")).RunAsync(new LoadPlan("acme", 20, TimeSpan.FromSeconds(5)), Ct);
        Assert.True(load.ByOutcome.GetValueOrDefault(StoreOutcome.Ok) > 0, $"no call of the load succeeded: {string.Join(", ", load.ByOutcome)}");
        await engine.RunOnceAsync(Ct);

        var open = (await alerts.ListOpenAsync(Ct)).SingleOrDefault(a => a.Key == Key);
        var seen = (await provider.GetRequiredService<AlertEvaluator>().EvaluateAsync(Ct)).Where(c => c.Tenant == "acme").Select(c => $"{c.Key}: {c.Summary}");
        Assert.True(open is not null, "no budget alert; conditions: " + string.Join(" | ", seen));
        Assert.True(open!.Value > 80, open.Summary);
        Assert.Contains("of the 0.05 USD budget", open.Summary);

        // Another round while it still breaches: still one notification.
        await engine.RunOnceAsync(Ct);
        Assert.True(await receiver.WaitForAsync(r => r.Received.Any(n => n.Key == Key), TimeSpan.FromSeconds(10)));
        var firing = Assert.Single(receiver.Received, n => n.Key == Key && n.Status == AlertNotification.Firing);
        Assert.Equal(("acme", open.Id), (firing.Tenant, firing.AlertId));
    }
}
