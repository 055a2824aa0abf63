using System.Text.RegularExpressions;

namespace Dashboard.E2E.PageObjects;

/// <summary>/t/{tenant}/users as a person sees it: a search box, a users table and a pager.</summary>
public sealed class UsersPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Table => Page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Users of") });

    public ILocator EmailCells => Table.Locator("td[data-label=Email]");

    public async Task SearchAsync(string text)
    {
        await Page.GetByLabel("Search", new() { Exact = true }).FillAsync(text);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex(@"[?&]q="));
    }

    public async Task<string[]> EmailsAsync()
    {
        await Assertions.Expect(Table.Locator(".mud-table-loading-progress")).ToHaveCountAsync(0);
        return (await EmailCells.AllInnerTextsAsync()).Select(e => e.Trim()).ToArray();
    }

    public async Task OpenUserAsync(string email) =>
        await Table.GetByRole(AriaRole.Link, new() { Name = email, Exact = true }).ClickAsync();

    public async Task NextPageAsync(int expectedPage) => await MoveAsync("Next page", expectedPage);

    public async Task PreviousPageAsync(int expectedPage) => await MoveAsync("Previous page", expectedPage);

    private async Task MoveAsync(string button, int expectedPage)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await Assertions.Expect(Page.GetByText(new Regex($"^Page {expectedPage} ·"))).ToBeVisibleAsync();
    }
}
