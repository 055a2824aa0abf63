using Bunit;
using Dashboard.Components.Layout;
using Microsoft.JSInterop;

namespace Dashboard.Tests.Pages;

/// <summary>
/// The layout's first render asks the browser for the system's dark mode (js/theme.js). That call failing
/// falls back to the stored theme or light, and the layout still becomes interactive (the circuit lives on).
/// </summary>
public sealed class SystemThemeCheckTests : DashboardTestContext
{
    private const string SystemDarkMode = Dashboard.Services.ThemePreference.SystemDarkFunction;

    private IRenderedComponent<MainLayout> RenderLayout()
    {
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, b => b.AddContent(0, "page")));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#app-shell").GetAttribute("data-interactive")));
        return cut;
    }

    private static bool ShowsDark(IRenderedComponent<MainLayout> cut) =>
        cut.FindAll("button[aria-label='Switch to light mode']").Count == 1;

    [Fact]
    public void The_system_preference_is_used_when_nothing_is_stored()
    {
        JSInterop.Setup<bool>(SystemDarkMode).SetResult(true);

        // The layout says it is interactive first, then applies the theme the browser reports.
        var cut = RenderLayout();
        cut.WaitForAssertion(() => Assert.True(ShowsDark(cut)));
    }

    // Each of these ended the circuit before the guard (MudBlazor's own check swallowed only a JSException).
    public static TheoryData<string> Failures => ["JSException", "JsonException", "InvalidOperationException", "OperationCanceledException"];

    private static Exception Failure(string kind) => kind switch
    {
        "JSException" => new JSException("matchMedia is not available"),
        "JsonException" => new System.Text.Json.JsonException("The JSON value could not be converted to System.Boolean."),
        "InvalidOperationException" => new InvalidOperationException("JavaScript interop calls cannot be issued at this time."),
        _ => new OperationCanceledException("The JS call was cancelled."),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failing_system_check_falls_back_to_light(string failure)
    {
        JSInterop.Setup<bool>(SystemDarkMode).SetException(Failure(failure));

        var cut = RenderLayout();

        Assert.False(ShowsDark(cut));
        Assert.Contains("page", cut.Find(".mud-main-content").TextContent);
    }

    [Fact]
    public void A_failing_system_check_keeps_the_stored_theme()
    {
        JSInterop.Setup<string?>("localStorage.getItem", "dashboard.theme").SetResult("dark");
        JSInterop.Setup<bool>(SystemDarkMode).SetException(Failure("JsonException"));

        var cut = RenderLayout();
        cut.WaitForAssertion(() => Assert.True(ShowsDark(cut)));
    }
}
