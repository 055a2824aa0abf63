using System.Text.RegularExpressions;

namespace Dashboard.E2E.PageObjects;

/// <summary>/t/{tenant}/orders/{id}: status select, item lines, live total, Save and the conflict panel.</summary>
public sealed class OrderPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Total => Page.GetByTestId("order-total");

    public ILocator Alert => Page.GetByRole(AriaRole.Alert);

    /// <summary>Counts item lines once the order has loaded (counting earlier would see none).</summary>
    public async Task<int> LineCountAsync()
    {
        await Assertions.Expect(Total).ToBeVisibleAsync();
        return await Page.GetByLabel(new Regex(@"^Quantity, line \d+$")).CountAsync();
    }

    public async Task AddItemAsync(string productId, string name, int quantity, decimal price)
    {
        var line = await LineCountAsync() + 1;
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync();
        await Assertions.Expect(Page.GetByLabel($"Quantity, line {line}", new() { Exact = true })).ToBeVisibleAsync();
        await Page.GetByLabel($"Product id, line {line}", new() { Exact = true }).FillAsync(productId);
        await Page.GetByLabel($"Product name, line {line}", new() { Exact = true }).FillAsync(name);
        await SetQuantityAsync(line, quantity);
        await Page.GetByLabel($"Unit price, line {line}", new() { Exact = true }).FillAsync(price.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public Task SetQuantityAsync(int line, int quantity) =>
        Page.GetByLabel($"Quantity, line {line}", new() { Exact = true }).FillAsync(quantity.ToString());

    /// <summary>Opens the Status select and picks an option, as a person does with the mouse.</summary>
    public async Task ChooseStatusAsync(string status)
    {
        await Page.GetByRole(AriaRole.Combobox, new() { Name = "Status" }).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = status, Exact = true }).ClickAsync();
        // As a person would: see the choice taken before going on (a Save clicked next must carry it).
        await Assertions.Expect(Page.GetByRole(AriaRole.Combobox, new() { Name = "Status" })).ToContainTextAsync(status);
    }

    public async Task<string[]> StatusOptionsAsync()
    {
        await Page.GetByRole(AriaRole.Combobox, new() { Name = "Status" }).ClickAsync();
        var options = await Page.GetByRole(AriaRole.Option).AllInnerTextsAsync();
        await Page.Keyboard.PressAsync("Escape");
        return options.Select(o => o.Trim()).ToArray();
    }

    public async Task SaveAsync() => await Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

    public async Task ExpectSavedAsync() =>
        await Assertions.Expect(Page.GetByText(new Regex("^Order saved"))).ToBeVisibleAsync();
}
