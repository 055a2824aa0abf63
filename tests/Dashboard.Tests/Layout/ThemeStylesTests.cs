using Bunit;
using Dashboard.Components.Layout;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Tests.Layout;

/// <summary>
/// ThemeStyles renders exactly what MudThemeProvider renders for the dashboard's theme, in light and dark, and two
/// circuits' theme markup is one string instance (what keeps the ~23 KB theme out of every circuit).
/// </summary>
public sealed class ThemeStylesTests
{
    private static BunitContext NewCircuit()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        return context;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task It_renders_what_MudThemeProvider_renders(bool dark)
    {
        await using var context = NewCircuit();

        var mud = context.Render<MudThemeProvider>(p => p.Add(x => x.Theme, DashboardTheme.Theme).Add(x => x.IsDarkMode, dark));
        var styles = context.Render<ThemeStyles>(p => p.Add(x => x.IsDarkMode, dark));

        Assert.Contains("--mud-palette-primary: " + (dark ? DashboardTheme.Theme.PaletteDark : DashboardTheme.Theme.PaletteLight).Primary, styles.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(mud.Markup, styles.Markup);
    }

    [Fact]
    public async Task Two_circuits_share_one_theme_string_and_dark_mode_has_its_own()
    {
        await using var first = NewCircuit();
        await using var second = NewCircuit();

        first.Render<ThemeStyles>();
        var b = second.Render<ThemeStyles>();
        var light = ThemeMarkup.For(dark: false);

        Assert.Same(light, ThemeMarkup.For(dark: false));
        Assert.All(light, markup => Assert.Contains(markup, b.Markup));
        b.Render(p => p.Add(x => x.IsDarkMode, true));
        Assert.NotEqual(light, ThemeMarkup.For(dark: true));
        Assert.All(ThemeMarkup.For(dark: true), markup => Assert.Contains(markup, b.Markup));
    }
}
