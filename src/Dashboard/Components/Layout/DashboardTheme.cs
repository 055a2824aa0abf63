using MudBlazor;

namespace Dashboard.Components.Layout;

/// <summary>
/// The dashboard's palettes, chosen for WCAG 2.1 AA: every text colour reaches 4.5:1 on the surfaces it is used on
/// (page background, cards, and the 6 % tints MudBlazor lays under text chips and alerts), and every colour that
/// fills a chip or button reaches 4.5:1 with its contrast text. MudBlazor's defaults do not (white on #00c853 is
/// 2.2:1). The E2E suite checks every page in both palettes with axe-core; change a colour here and run it.
/// </summary>
public static class DashboardTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3f51b5",
            AppbarBackground = "#283593",
            Background = "#f5f6fa",
            // Darker than Material's defaults so that white text on them and they as text on a tint pass.
            Secondary = "#c2185b",
            Tertiary = "#00796b",
            Info = "#0a66c2",
            Success = "#1b7a34",
            Warning = "#9a5b00",
            Error = "#c62828",
            // Solid greys: MudBlazor's translucent ones fall under 4.5:1 on the grey page background.
            TextSecondary = "#5f6368",
            TextDisabled = "#6b6f76",
            ActionDefault = "#5f6368",
            ActionDisabled = "#6b6f76",
            // Input outlines and switch tracks are UI components: 3:1 against the page.
            LinesInputs = "#8a8d93",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8c9eff",
            AppbarBackground = "#1a1f3a",
            Background = "#15171e",
            Surface = "#1e2130",
            DrawerBackground = "#1a1c26",
            // Light tones on dark surfaces; anything drawn on them (filled buttons, chips, avatars) is dark navy,
            // since white on a light tone is unreadable.
            PrimaryContrastText = DarkInk,
            Secondary = "#ff80ab",
            SecondaryContrastText = DarkInk,
            Tertiary = "#4db6ac",
            TertiaryContrastText = DarkInk,
            Info = "#64b5f6",
            InfoContrastText = DarkInk,
            Success = "#4cd2a0",
            SuccessContrastText = DarkInk,
            Warning = "#ffb74d",
            WarningContrastText = DarkInk,
            Error = "#ff6b7d",
            ErrorContrastText = DarkInk,
            // Alerts write their text in the "darken" shade; on a dark page it has to be the lighter one.
            PrimaryDarken = "#adbaff",
            InfoDarken = "#90caf9",
            SuccessDarken = "#7ee2bc",
            WarningDarken = "#ffcc80",
            ErrorDarken = "#ff9aa6",
            TextPrimary = "#dcdde4",
            TextSecondary = "#a9adbd",
            TextDisabled = "#9094a6",
            ActionDefault = "#a9adbd",
            ActionDisabled = "#9094a6",
            DrawerText = "#c9cbd6",
            DrawerIcon = "#a9adbd",
            AppbarText = "#ffffff",
            LinesInputs = "#7d8196",
        },
    };

    private const string DarkInk = "#0d1033";
}
