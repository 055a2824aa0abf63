using MudBlazor;

namespace Dashboard.Components.Layout;

/// <summary>The dashboard's palette: MudBlazor defaults with a calmer primary and readable dark surfaces.</summary>
public static class DashboardTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3f51b5",
            AppbarBackground = "#283593",
            Background = "#f5f6fa",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8c9eff",
            AppbarBackground = "#1a1f3a",
            Background = "#15171e",
            Surface = "#1e2130",
            DrawerBackground = "#1a1c26",
        },
    };
}
