using Microsoft.JSInterop;

namespace Dashboard.Services;

/// <summary>Light or dark, remembered per browser in localStorage.</summary>
public sealed class ThemePreference(IJSRuntime js)
{
    private const string Key = "dashboard.theme";

    /// <summary>The stored choice: true dark, false light, null never chosen.</summary>
    public async Task<bool?> LoadAsync() =>
        await js.InvokeAsync<string?>("localStorage.getItem", Key) switch
        {
            "dark" => true,
            "light" => false,
            _ => null,
        };

    public async Task SaveAsync(bool dark) => await js.InvokeVoidAsync("localStorage.setItem", Key, dark ? "dark" : "light");
}
