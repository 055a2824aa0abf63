using Dashboard.Core.Alerts;
using Dashboard.Core.Errors;
using Dashboard.Operations.Alerts;
using Dashboard.Testing;
using Dashboard.Tests.Metering;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Alerts;

/// <summary>
/// End to end on a real DynamoDB Local behind the throttle switch: 20 s at a 0.9 share make the throttling alert
/// (retried share) fire, the local webhook receiver gets exactly one notification of it, and after the switch is off the
/// alert resolves (a 1-minute window and a 5-second hold keep the test short).
/// </summary>
[Trait("Backend", "DynamoDb")]
public sealed class ThrottlingAlertIntegrationTests : DynamoDbAlertTest
{
    private DynamoDbThrottleSwitch _proxy = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _proxy = await DynamoDbThrottleSwitch.StartAsync(Dynamo.Url);
    }

    public override async ValueTask DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Twenty_seconds_at_a_0_9_throttle_share_fire_one_alert_notified_once_that_resolves_after_the_switch_is_off()
    {
        await using var receiver = new WebhookReceiver();
        await using var provider = await ServicesAsync(_proxy.Url, new()
        {
            ["Alerts:Throttling:WindowMinutes"] = "1",
            ["Alerts:Throttling:RetriedSharePercentAbove"] = "50",
            ["Alerts:Throttling:MinAttempts"] = "10",
            ["Alerts:ResolveAfterClearSeconds"] = "5",
            ["Alerts:EvaluateEverySeconds"] = "2",
            ["Alerts:LeaseSeconds"] = "10",
            ["Alerts:Webhooks:0:Url"] = receiver.Url,
            ["Alerts:Webhooks:0:FirstBackoffMs"] = "100",
        });
        var store = ForcedThrottleTests.DecoratedStore(provider, "acme");
        await store.EnsureSchemaAsync(Ct);
        var engine = provider.GetRequiredService<AlertEngine>();
        var alerts = provider.GetRequiredService<IAlertStore>();
        await provider.GetRequiredService<WebhookNotifier>().StartAsync(Ct);
        // At 0.9 most attempts are throttled and retried by the SDK and our pipeline (each call takes seconds), so the
        // throttling rule's retried share is what fires; few calls get through to surface.
        const string key = "RetriedThrottleShare:tenant acme";

        async Task TrafficAndRoundsAsync(TimeSpan span, Func<Task<bool>>? done = null)
        {
            var until = DateTime.UtcNow + span;
            var nextRound = DateTime.UtcNow;
            while (DateTime.UtcNow < until)
            {
                try { await store.GetUserAsync("nobody", Ct); }
                catch (ThrottledException) { }
                if (DateTime.UtcNow < nextRound) continue;
                await engine.RunOnceAsync(Ct);
                nextRound = DateTime.UtcNow.AddSeconds(2);
                if (done is not null && await done()) return;
            }
        }

        await _proxy.SetShareAsync(0.9);
        await TrafficAndRoundsAsync(TimeSpan.FromSeconds(20));
        var open = (await alerts.ListOpenAsync(Ct)).SingleOrDefault(a => a.Key == key);
        var seen = (await provider.GetRequiredService<AlertEvaluator>().EvaluateAsync(Ct)).Where(c => c.Tenant == "acme").Select(c => $"{c.Key}: {c.Summary}");
        Assert.True(open is not null, "no throttling alert; conditions: " + string.Join(" | ", seen));
        Assert.True(open!.Value > 50, open.Summary);

        await _proxy.SetShareAsync(0);
        await TrafficAndRoundsAsync(TimeSpan.FromSeconds(100), async () => (await alerts.FindAsync(open.Id, Ct))!.State == AlertState.Resolved);
        var resolved = (await alerts.FindAsync(open.Id, Ct))!;
        Assert.Equal(AlertState.Resolved, resolved.State);

        Assert.True(await receiver.WaitForAsync(r => r.Received.Any(n => n.Key == key && n.Status == AlertNotification.Resolved), TimeSpan.FromSeconds(10)));
        var firing = receiver.Received.Where(n => n.Key == key && n.Status == AlertNotification.Firing).ToList();
        Assert.Single(firing);
        Assert.Equal(("acme", open.Id), (firing[0].Tenant, firing[0].AlertId));
        // No alert key was notified twice while firing.
        Assert.All(receiver.Received.Where(n => n.Status == AlertNotification.Firing).GroupBy(n => n.Key), g => Assert.Single(g));
    }
}
