using Microsoft.JSInterop;

namespace Dashboard.Services;

/// <summary>
/// Light or dark, remembered per browser in localStorage. A browser that refuses storage (private modes, strict
/// settings) or a circuit going away only loses the preference: the layout calls this outside any error boundary.
/// </summary>
public sealed class ThemePreference(IJSRuntime js)
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
