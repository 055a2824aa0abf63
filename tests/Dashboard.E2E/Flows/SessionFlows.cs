using System.Text.RegularExpressions;
using Dashboard.E2E.Infrastructure;

namespace Dashboard.E2E.Flows;

/// <summary>
/// Finding 2 in the browser: tabs that are already open lose their access once their session ends, signed out
/// in another tab or revoked by Ops, and go to the sign-in page by themselves (open circuits revalidate).
/// </summary>
public sealed class SessionFlows(DashboardApp app, BrowserSession browser) : E2ETest(app, browser)
{
    // The app checks every 2 s here (see DashboardApp); this bound is only "did it ever happen".
    private static readonly PageAssertionsToHaveURLOptions Soon = new() { Timeout = 30_000 };

    [Fact]
    public async Task Signing_out_in_one_tab_sends_the_other_open_tabs_to_the_sign_in_page()
    {
        var audit = await OpenAsync("/audit", DemoAccounts.Ops);
        var home = await audit.Context.NewPageAsync();
        await GoToAsync(home, "/");
        var other = await audit.Context.NewPageAsync();
        await GoToAsync(other, "/ops/throughput");

        await other.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(other).ToHaveURLAsync(new Regex("/login"));

        await Assertions.Expect(audit).ToHaveURLAsync(new Regex(@"/login\?returnUrl=%2Faudit$"), Soon);
        await Assertions.Expect(home).ToHaveURLAsync(new Regex(@"/login\?returnUrl=%2F$"), Soon);
        await Assertions.Expect(audit.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Ops_revoking_a_persons_sessions_sends_their_open_tab_to_the_sign_in_page()
    {
        var agent = await OpenAsync("/t/sandbox/users", DemoAccounts.Agent);
        var ops = await OpenAsync("/ops/sessions", DemoAccounts.Ops);

        await ops.GetByLabel("Person (email)").FillAsync(DemoAccounts.Agent.Email);
        await ops.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var sessions = ops.GetByRole(AriaRole.Region, new() { Name = "Active sessions" });
        await Assertions.Expect(sessions.Locator("td[data-label=Person]").First).ToContainTextAsync(DemoAccounts.Agent.Email);
        await Assertions.Expect(sessions.Locator("td[data-label=Person]").Filter(new() { HasNotText = DemoAccounts.Agent.Email })).ToHaveCountAsync(0);
        await sessions.GetByRole(AriaRole.Button, new() { Name = "Revoke all of this person" }).First.ClickAsync();
        await Assertions.Expect(ops.GetByText(new Regex($@"Revoked \d+ session\(s\) of {Regex.Escape(DemoAccounts.Agent.Email)}"))).ToBeVisibleAsync();

        await Assertions.Expect(agent).ToHaveURLAsync(new Regex(@"/login\?returnUrl=%2Ft%2Fsandbox%2Fusers$"), Soon);
        await GoToSignInAsync(agent, "/t/sandbox/users"); // the cookie in that browser opens nothing any more
        await Assertions.Expect(ops).ToHaveURLAsync(new Regex("/ops/sessions")); // Ops stayed signed in
    }

    [Fact]
    public async Task A_tab_disconnected_when_its_session_is_revoked_goes_to_the_sign_in_page_when_it_tries_to_reconnect()
    {
        var agent = await NewPageAsync();
        var link = await CircuitLink.AttachAsync(agent);
        await agent.GotoAsync("/t/sandbox/orders");
        await SignInAsync(agent, DemoAccounts.Agent);
        var ops = await OpenAsync("/ops/sessions", DemoAccounts.Ops);
        var refusedBefore = Refusals();

        // The tab loses its connection: the circuit lives on at the server, which cannot reach the browser now.
        await link.CutAsync();
        await Assertions.Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Reconnecting to the server…" })).ToBeVisibleAsync();
        await ops.GetByLabel("Person (email)").FillAsync(DemoAccounts.Agent.Email);
        await ops.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var sessions = ops.GetByRole(AriaRole.Region, new() { Name = "Active sessions" });
        await sessions.GetByRole(AriaRole.Button, new() { Name = "Revoke all of this person" }).First.ClickAsync();
        await Assertions.Expect(ops.GetByText(new Regex($@"Revoked \d+ session\(s\) of {Regex.Escape(DemoAccounts.Agent.Email)}"))).ToBeVisibleAsync();
        // The open circuit's own check has ended the session (its redirect could not be sent to the browser).
        await WaitUntilAsync(() => Refusals() > refusedBefore);

        link.Restore();
        await Assertions.Expect(agent).ToHaveURLAsync(new Regex(@"/login\?returnUrl=%2Ft%2Fsandbox%2Forders$"), Soon);
    }

    private int Refusals() => Regex.Count(App.Log, @"Session \w+ refused: revoked by");

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = TimeSpan.Zero; !condition(); waited += TimeSpan.FromMilliseconds(200))
        {
            if (waited > TimeSpan.FromSeconds(30)) throw new TimeoutException("The open circuit never found its session revoked.");
            await Task.Delay(200, Ct);
        }
    }

    private static async Task GoToSignInAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/login\?returnUrl="));
    }
}
