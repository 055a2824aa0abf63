using Bunit;
using Dashboard.Components.Layout;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Tests.Layout;

/// <summary>
/// The shared provider renders exactly what MudThemeProvider renders, and two circuits' theme markup is one string
/// instance (what keeps the ~23 KB theme from being held twice per circuit).
/// </summary>
public sealed class SharedThemeProviderTests
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
        var shared = context.Render<SharedThemeProvider>(p => p.Add(x => x.Theme, DashboardTheme.Theme).Add(x => x.IsDarkMode, dark));

        Assert.Contains("--mud-palette-primary", shared.Markup);
        Assert.Equal(mud.Markup, shared.Markup);
    }

    [Fact]
    public async Task Two_circuits_share_one_theme_string_and_dark_mode_gets_its_own()
    {
        await using var first = NewCircuit();
        await using var second = NewCircuit();

        var a = first.Render<SharedThemeProvider>(p => p.Add(x => x.Theme, DashboardTheme.Theme));
        var b = second.Render<SharedThemeProvider>(p => p.Add(x => x.Theme, DashboardTheme.Theme));
        var light = ThemeStyle(a.Markup);

        Assert.Same(SharedThemeProvider.SharedCopy(light), SharedThemeProvider.SharedCopy(new string(ThemeStyle(b.Markup))));
        b.Render(p => p.Add(x => x.IsDarkMode, true));
        Assert.NotEqual(light, ThemeStyle(b.Markup));
    }

    /// <summary>The theme's variables onwards (the provider first renders a scrollbar and a chart style).</summary>
    private static string ThemeStyle(string markup) => markup[markup.IndexOf("--mud-palette-", StringComparison.Ordinal)..];
}
