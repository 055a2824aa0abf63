// The system's colour scheme, read when a page opens (Services/ThemePreference.cs) when nobody chose one here.
window.dashboardTheme = {
    systemDark: () => window.matchMedia('(prefers-color-scheme: dark)').matches,
};
