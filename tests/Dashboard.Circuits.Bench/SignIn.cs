namespace Dashboard.Circuits.Bench;

/// <summary>Signs the demo agent in once and keeps the cookies, so every agent's profile starts signed in.</summary>
public static class SignIn
{
    public static async Task<string> StorageStateAsync(IBrowser browser, Uri app)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ToString() });
        var page = await context.NewPageAsync();
        // Back to /healthz, not a page: no circuit is left behind to count against the baseline.
        await page.GotoAsync("/login?returnUrl=%2Fhealthz");
        await page.GetByLabel("Email").FillAsync("agent@example.com");
        await page.GetByLabel("Password").FillAsync("agent-pass-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/healthz", StringComparison.Ordinal));
        var file = Path.Combine(Path.GetTempPath(), $"dashboard-circuits-{Guid.NewGuid():N}.json");
        await context.StorageStateAsync(new BrowserContextStorageStateOptions { Path = file });
        return file;
    }
}
