namespace Dashboard.Components.Layout;

/// <summary>
/// The navigation drawer's open state, kept as MudDrawer's responsive variant keeps it: open from 960 px (MudBlazor's
/// md breakpoint) with the page beside it, closed below, where opening it lays it over the page with a scrim. Until the
/// toggle is first used the drawer follows the window and CSS alone decides (MudBlazor's "initial" classes, then
/// <see cref="FollowsWindowClass"/>), so no circuit has to ask the browser for its width unless the toggle is used. The
/// classes are MudDrawer's and MudLayout's own.
/// </summary>
public sealed class ResponsiveDrawer
{
    /// <summary>The width query of MudBlazor's md breakpoint, below which the drawer lays over the page.</summary>
    public const string NarrowQuery = "(max-width: 959.98px)";

    /// <summary>While the drawer follows the window: css/app.css hides it below 960 px.</summary>
    public const string FollowsWindowClass = "drawer-follows-window";

    // Null while the drawer follows the window; then what the toggle set.
    private bool? _open;
    private bool _setWhileNarrow;
    private bool _toggled;

    /// <summary>True while no toggle has set the drawer's state (and after a navigation or a breakpoint crossing undid it).</summary>
    public bool FollowsWindow => _open is null;

    /// <summary>
    /// Open where it was closed and the other way round; <paramref name="narrow"/> says whether the window is under 960 px
    /// now, which is what a drawer that follows the window shows.
    /// </summary>
    public void Toggle(bool narrow)
    {
        var shown = _open ?? !narrow;
        _open = !shown;
        _setWhileNarrow = narrow;
        _toggled = true;
    }

    /// <summary>The overlay's click: a drawer laid over the page closes.</summary>
    public void Close() => _open = false;

    /// <summary>
    /// Another page: a drawer opened over a narrow window closes, as MudDrawer closes when one of its links is followed.
    /// A drawer toggled on a wide window stays as it was. True when that changed the drawer.
    /// </summary>
    public bool Navigated()
    {
        if (!_setWhileNarrow || _open is null) return false;
        _open = null;
        return true;
    }

    /// <summary>The window crossed 960 px: like MudDrawer, the drawer opens when it widens and closes when it narrows.</summary>
    public void BreakpointCrossed() => _open = null;

    /// <summary>MudLayout's class: it moves the page aside for the open drawer from 960 px.</summary>
    public string LayoutClass =>
        $"mud-layout mud-drawer-{(_open ?? true ? "open" : "close")}-responsive-md-left mud-drawer-left-clipped-always";

    /// <summary>MudDrawer's classes. "Initial" (no slide) lasts until the first toggle, as in MudDrawer.</summary>
    public string DrawerClass =>
        "mud-drawer mud-drawer-fixed mud-drawer-pos-left"
        + (_open ?? true ? " mud-drawer--open" : " mud-drawer--closed")
        + (_toggled ? "" : " mud-drawer--initial")
        + " mud-drawer-md mud-drawer-clipped-always mud-elevation-1 mud-drawer-responsive"
        + (FollowsWindow ? " " + FollowsWindowClass : "");

    /// <summary>
    /// The scrim behind a drawer the toggle opened; MudBlazor's CSS shows it only below 960 px, where the drawer lies
    /// over the page.
    /// </summary>
    public bool HasOverlay => _open == true;

    /// <summary>MudOverlay's classes for a responsive drawer's scrim.</summary>
    public const string OverlayClass = "mud-overlay mud-drawer-overlay mud-overlay-drawer mud-drawer-pos-left mud-drawer-overlay--open " +
        "mud-drawer-overlay-responsive mud-drawer-overlay-md mud-skip-overlay-positioning mud-skip-overlay-section";
}
