namespace Dashboard.E2E.Accessibility;

/// <summary>
/// Moves through a page the way a keyboard user does: Tab and Shift+Tab until the wanted control has focus, and
/// checks that the control shows it has (WCAG 2.4.7). Never clicks.
/// </summary>
public sealed class KeyboardDriver(IPage page)
{
    private const int MostPresses = 80;

    /// <summary>Tabs (or Shift+Tabs) until <paramref name="target"/> has focus; fails naming where focus went instead.</summary>
    public async Task TabToAsync(ILocator target, bool backwards = false)
    {
        await target.First.WaitForAsync();
        var visited = new List<string>();
        // The locator is asked afresh after each key (a list that re-renders replaces the elements it found before),
        // in one round trip: "" when focus is on the target, else a description of where it is.
        string focus;
        while ((focus = await target.EvaluateAllAsync<string>($"all => all.includes(document.activeElement) ? '' : ({Describe})(document.activeElement)")) != "")
        {
            visited.Add(focus);
            if (visited.Count > MostPresses)
                Assert.Fail($"{MostPresses} × {(backwards ? "Shift+Tab" : "Tab")} never reached {target}; focus went to: {string.Join(" → ", visited.Distinct().Take(30))}");
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }
        try
        {
            // A field's underline grows in over 200 ms.
            await page.WaitForFunctionAsync($"() => ({HasFocusIndicator})(document.activeElement)", null, new() { Timeout = 2_000, PollingInterval = 50 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{target} has focus but shows no focus indicator");
        }
    }

    public Task PressAsync(string key) => page.Keyboard.PressAsync(key);

    /// <summary>Replaces what the focused field holds: select all, then type.</summary>
    public async Task ReplaceTextAsync(string text)
    {
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(text);
    }

    public Task TypeAsync(string text) => page.Keyboard.TypeAsync(text);

    /// <summary>Whether focus is inside <paramref name="container"/>.</summary>
    public async Task<bool> FocusIsInsideAsync(ILocator container) =>
        await container.EvaluateAsync<bool>("c => c.contains(document.activeElement)");

    public Task<string> FocusedAsync() => page.EvaluateAsync<string>($"() => ({Describe})(document.activeElement)");

    /// <summary>An element as a failure message names it: tag and accessible-ish name.</summary>
    private const string Describe = """
        e => {
            if (!e || e === document.body) return 'body';
            const name = e.getAttribute('aria-label') || e.labels?.[0]?.textContent || e.innerText || e.value || '';
            return `${e.tagName.toLowerCase()} "${name.trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
        }
        """;

    /// <summary>
    /// A ring of at least 2 px (the app's own, css/app.css), or for a MudBlazor field the focused state it draws
    /// itself: a 2 px outlined border, or the underline that grows under a standard field.
    /// </summary>
    private const string HasFocusIndicator = """
        e => {
            const ring = s => s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
            if (ring(getComputedStyle(e))) return true;
            const field = e.closest('.mud-input');
            if (!field) return false;
            const border = field.querySelector(':scope > .mud-input-outlined-border');
            if (border) return parseFloat(getComputedStyle(border).borderTopWidth) >= 2;
            const underline = getComputedStyle(field, '::after');
            return underline.content !== 'none' && !underline.transform.startsWith('matrix(0,');
        }
        """;
}
