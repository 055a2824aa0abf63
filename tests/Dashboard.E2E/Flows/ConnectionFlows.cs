using Dashboard.E2E.Infrastructure;

namespace Dashboard.E2E.Flows;

/// <summary>
/// The reconnect dialog in a real browser: its script loads under the app's CSP, the server pausing the session
/// shows the dialog in the app's words, and Resume brings the same page back live.
/// </summary>
public sealed class ConnectionFlows(DashboardApp app, BrowserSession browser) : E2ETest(app, browser)
{
    [Fact]
    public async Task A_paused_session_shows_the_reconnect_dialog_and_Resume_carries_on()
    {
        var tenant = App.Tenants.First(t => t.ProviderKind == "Sqlite").Id;
        var page = await OpenAsync($"/t/{tenant}/users", DemoAccounts.Ops);
        var refused = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) refused.Add(message.Text); };
        await page.ReloadAsync();
        await WaitInteractiveAsync(page);
        Assert.Empty(refused);

        await page.EvaluateAsync("Blazor.pauseCircuit()");

        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "This session is paused" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Page 2 ·")).ToBeVisibleAsync();
        Assert.Empty(refused);
    }
}
