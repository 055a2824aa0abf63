using Microsoft.JSInterop;

namespace Dashboard.Services;

/// <summary>
/// Light or dark, remembered per browser in localStorage. A browser that refuses storage (private modes, strict
/// settings) or a circuit going away only loses the preference: the layout calls this outside any error boundary.
/// </summary>
public sealed class ThemePreference(IJSRuntime js, ILogger<ThemePreference> logger)
{
    private const string Key = "dashboard.theme";

    /// <summary>The stored choice: true dark, false light, null never chosen or not readable.</summary>
    public async Task<bool?> LoadAsync()
    {
        try
        {
            return await js.InvokeAsync<string?>("localStorage.getItem", Key) switch
            {
                "dark" => true,
                "light" => false,
                _ => null,
            };
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// The theme to start with: the stored choice, else the system's (asked of the browser), else light. A failing
    /// system check only costs the system's preference: it runs in the layout's first render, outside any error
    /// boundary, where an exception would end the circuit. So anything is caught here (a JSException, a result that
    /// is not a boolean, a call that cannot be issued or is cancelled): the theme is never worth a circuit.
    /// </summary>
    public async Task<bool> InitialDarkAsync()
    {
        if (await LoadAsync() is { } stored) return stored;
        try
        {
            return await js.InvokeAsync<bool>(SystemDarkFunction);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The browser's dark-mode setting could not be read; starting in light mode.");
            return false;
        }
    }

    /// <summary>The JS function that answers whether the system prefers dark (js/theme.js).</summary>
    public const string SystemDarkFunction = "dashboardTheme.systemDark";

    public async Task SaveAsync(bool dark)
    {
        try
        {
            await js.InvokeVoidAsync("localStorage.setItem", Key, dark ? "dark" : "light");
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException)
        {
            // Not remembered; the choice still holds for this page.
        }
    }
}
