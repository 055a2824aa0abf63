// The navigation drawer (Layout/ResponsiveDrawer.cs). Asked only when its toggle is used: whether the window is under
// MudBlazor's md breakpoint now; from then on the layout hears when the window crosses it (the drawer then follows the
// window again, as MudDrawer does). Until the toggle is used, CSS alone places the drawer.
window.dashboardDrawer = (() => {
    let layout = null;
    let media = null;
    return {
        narrow(query, listener) {
            layout = listener;
            if (!media) {
                media = window.matchMedia(query);
                // A circuit that has ended cannot answer; the next page load starts over.
                media.addEventListener('change', () => layout?.invokeMethodAsync('BreakpointCrossed').catch(() => { }));
            }
            return media.matches;
        },
    };
})();
