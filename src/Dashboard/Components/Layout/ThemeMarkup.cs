using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;

namespace Dashboard.Components.Layout;

/// <summary>
/// The dashboard theme as MudThemeProvider renders it (its style blocks: about 23 KB of CSS variables), made once
/// per mode and shared by every circuit. A MudThemeProvider in each circuit rendered the same text again on every
/// render, kept it twice (the current and the previous render tree), built its own default MudTheme (palettes and
/// about a hundred colours) beside the one it was given, and watched the system's dark mode through JS interop.
/// </summary>
public static class ThemeMarkup
{
    private static readonly Lazy<(string[] Light, string[] Dark)> Modes = new(BothModes);

    public static IReadOnlyList<string> For(bool dark) => dark ? Modes.Value.Dark : Modes.Value.Light;

    private static (string[] Light, string[] Dark) BothModes()
    {
        var light = new Template(dark: false).Markup();
        var dark = new Template(dark: true).Markup();
        // ThemeStyles numbers the blocks by their index, so a switch of mode replaces each block in place.
        if (light.Length != dark.Length)
            throw new InvalidOperationException($"MudThemeProvider renders {light.Length} style blocks in light mode and {dark.Length} in dark: ThemeStyles numbers them by index and must change.");
        return (light, dark);
    }

    /// <summary>A provider that is never attached to a renderer: only asked once for what it renders.</summary>
    private sealed class Template : MudThemeProvider
    {
#pragma warning disable BL0005 // Parameters set outside a renderer: this instance is never rendered by one.
        public Template(bool dark)
        {
            Theme = DashboardTheme.Theme;
            IsDarkMode = dark;
        }
#pragma warning restore BL0005

#pragma warning disable BL0006 // Reading render-tree frames: the provider's output is kept as the markup it is.
        public string[] Markup()
        {
            using var builder = new RenderTreeBuilder();
            BuildRenderTree(builder);
            var frames = builder.GetFrames();
            var markup = new string[frames.Count];
            for (var i = 0; i < frames.Count; i++)
            {
                if (frames.Array[i].FrameType != RenderTreeFrameType.Markup)
                    throw new InvalidOperationException($"MudThemeProvider now renders {frames.Array[i].FrameType} frames, not only markup: ThemeStyles must render it as a component again.");
                markup[i] = frames.Array[i].MarkupContent;
            }
            return markup;
        }
#pragma warning restore BL0006
    }
}
