using System.Text.RegularExpressions;

namespace Dashboard.E2E.PageObjects;

/// <summary>/t/{tenant}/users/{id}: the profile form and the user's orders, newest first.</summary>
public sealed class UserPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Orders => Page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Orders of") });

    public async Task OpenNewestOrderAsync()
    {
        var first = Orders.Locator("tbody td[data-label=Order] a").First;
        await first.ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/orders/"));
    }
}
