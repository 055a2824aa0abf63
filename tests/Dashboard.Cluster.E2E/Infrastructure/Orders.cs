using System.Text.RegularExpressions;

namespace Dashboard.Cluster.E2E.Infrastructure;

/// <summary>Getting to Ada's newest order as a person does: the users list filtered to her, her page, the first order.</summary>
public static class Orders
{
    public static async Task<string> OpenAdasNewestAsync(IPage page, string tenant)
    {
        await page.GotoAsync($"/t/{tenant}/users?q=ada%40example.com");
        await page.Locator("#app-shell[data-interactive=true]").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "ada@example.com", Exact = true }).ClickAsync();
        var orders = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Orders of") });
        await orders.Locator("tbody td[data-label=Order] a").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/orders/"));
        await Assertions.Expect(Quantity(page, 1)).ToBeVisibleAsync();
        return page.Url;
    }

    public static ILocator Quantity(IPage page, int line) => page.GetByLabel($"Quantity, line {line}", new() { Exact = true });

    /// <summary>The stored version the page shows ("· version 3").</summary>
    public static async Task<int> VersionAsync(IPage page)
    {
        var text = await page.GetByText(new Regex(@"· version \d+")).First.InnerTextAsync();
        return int.Parse(Regex.Match(text, @"version (\d+)").Groups[1].Value);
    }
}
