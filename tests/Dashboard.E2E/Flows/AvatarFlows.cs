using Dashboard.Core.Domain;
using Dashboard.E2E.Infrastructure;

namespace Dashboard.E2E.Flows;

/// <summary>
/// Finding 7 in the browser: a user's avatar on a host nobody configured is never fetched by a staff browser —
/// the page shows initials instead, and the CSP blocks such an image even if one got onto the page — while an
/// avatar on the configured host is.
/// </summary>
public sealed class AvatarFlows(DashboardApp app, BrowserSession browser) : E2ETest(app, browser)
{
    private const string StrangerHost = "stranger.example";

    [Fact]
    public async Task An_avatar_on_a_strangers_host_is_never_requested_and_one_on_the_configured_host_is()
    {
        var store = App.Store("sandbox");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var stranger = await store.CreateUserAsync(new NewUser($"avatar-stranger-{suffix}@example.com", "Avatar Stranger", $"https://{StrangerHost}/track.png?who=staff"), Ct);
        var allowed = await store.CreateUserAsync(new NewUser($"avatar-allowed-{suffix}@example.com", "Avatar Allowed", $"https://{DashboardApp.AllowedAvatarHost}/a.png"), Ct);

        var page = await OpenAsync("/", DemoAccounts.Ops);
        var requested = new List<string>();
        var violations = new List<string>();
        page.Console += (_, message) => { lock (violations) violations.Add(message.Text); };
        // Whatever gets past the CSP reaches the network: answer it here (no DNS for made-up hosts) and count it.
        await page.Context.RouteAsync("https://**/*", async route =>
        {
            lock (requested) requested.Add(route.Request.Url);
            await route.FulfillAsync(new() { Status = 200, ContentType = "image/png", BodyBytes = OnePixelPng });
        });

        await GoToAsync(page, $"/t/sandbox/users/{stranger.Id}");
        await Assertions.Expect(page.GetByText("Images from this host are not shown", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"img[src^='https://{StrangerHost}/']")).ToHaveCountAsync(0);
        // The second line: an image on that host put onto the page anyway is refused by the CSP.
        await page.EvaluateAsync($"() => {{ const i = new Image(); i.src = 'https://{StrangerHost}/injected.png'; document.body.appendChild(i); }}");
        await GoToAsync(page, $"/t/sandbox/users/{allowed.Id}");
        await Assertions.Expect(page.Locator($"img[src^='https://{DashboardApp.AllowedAvatarHost}/']")).ToHaveCountAsync(1);

        // The control: the allowed avatar does reach the network, so a stranger's would have too without the policy.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Snapshot(requested).All(u => !u.Contains(DashboardApp.AllowedAvatarHost, StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
            await Task.Delay(100, Ct);
        Assert.Contains(Snapshot(requested), u => u.Contains(DashboardApp.AllowedAvatarHost, StringComparison.Ordinal));
        Assert.DoesNotContain(Snapshot(requested), u => u.Contains(StrangerHost, StringComparison.Ordinal));
        Assert.Contains(Snapshot(violations), v => v.Contains(StrangerHost, StringComparison.Ordinal) && v.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    private static List<string> Snapshot(List<string> list)
    {
        lock (list) return [.. list];
    }

    private static readonly byte[] OnePixelPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
}
