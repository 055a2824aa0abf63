using Bunit;
using Dashboard.Components.Layout;
using Dashboard.Tests.Pages;

namespace Dashboard.Tests.Layout;

/// <summary>
/// The layout's navigation drawer as plain markup behaves as MudDrawer's responsive variant: open beside the page on a
/// wide window, laid over it with a scrim on a narrow one, closed by the scrim, by following a link there, and following
/// the window again when it crosses 960 px. The browser is asked for its width only when the toggle is used.
/// </summary>
public sealed class NavigationDrawerTests : DashboardTestContext
{
    private const string Narrow = "dashboardDrawer.narrow";

    private IRenderedComponent<MainLayout> RenderLayout()
    {
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, b => b.AddContent(0, "page")));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#app-shell").GetAttribute("data-interactive")));
        return cut;
    }

    private static string DrawerClass(IRenderedComponent<MainLayout> cut) => cut.Find("aside#app-drawer").ClassName!;

    private static string LayoutClass(IRenderedComponent<MainLayout> cut) => cut.Find(".mud-layout").ClassName!;

    private static bool HasOverlay(IRenderedComponent<MainLayout> cut) => cut.FindAll(".mud-drawer-overlay").Count == 1;

    private static void Toggle(IRenderedComponent<MainLayout> cut) => cut.Find("button[aria-label='Toggle navigation']").Click();

    [Fact]
    public void Until_the_toggle_is_used_the_drawer_follows_the_window_without_asking_the_browser()
    {
        var cut = RenderLayout();

        Assert.Contains("mud-drawer--open", DrawerClass(cut));
        Assert.Contains("mud-drawer--initial", DrawerClass(cut));
        Assert.Contains(ResponsiveDrawer.FollowsWindowClass, DrawerClass(cut));
        Assert.Contains("mud-drawer-open-responsive-md-left", LayoutClass(cut));
        Assert.False(HasOverlay(cut));
        Assert.Empty(JSInterop.Invocations[Narrow]);
        // The navigation is inside it, reachable by its name.
        Assert.Equal("Main navigation", cut.Find("aside#app-drawer nav").GetAttribute("aria-label"));
        Assert.Equal("app-drawer", cut.Find("button[aria-label='Toggle navigation']").GetAttribute("aria-controls"));
    }

    [Fact]
    public void On_a_wide_window_the_toggle_closes_the_open_drawer_and_the_page_takes_its_room()
    {
        JSInterop.Setup<bool>(Narrow, _ => true).SetResult(false);
        var cut = RenderLayout();

        Toggle(cut);

        cut.WaitForAssertion(() => Assert.Contains("mud-drawer--closed", DrawerClass(cut)));
        Assert.DoesNotContain("mud-drawer--initial", DrawerClass(cut));
        Assert.DoesNotContain(ResponsiveDrawer.FollowsWindowClass, DrawerClass(cut));
        Assert.Contains("mud-drawer-close-responsive-md-left", LayoutClass(cut));
        Assert.False(HasOverlay(cut));

        // A link followed on a wide window leaves it as the person set it.
        Navigation.NavigateTo("/t/sandbox/orders");
        cut.WaitForAssertion(() => Assert.Contains("mud-drawer--closed", DrawerClass(cut)));
    }

    [Fact]
    public void On_a_narrow_window_the_toggle_lays_the_drawer_over_the_page_and_the_scrim_closes_it()
    {
        JSInterop.Setup<bool>(Narrow, _ => true).SetResult(true);
        var cut = RenderLayout();

        Toggle(cut);

        cut.WaitForAssertion(() => Assert.Contains("mud-drawer--open", DrawerClass(cut)));
        Assert.DoesNotContain(ResponsiveDrawer.FollowsWindowClass, DrawerClass(cut));
        Assert.True(HasOverlay(cut));
        Assert.Equal("true", cut.Find(".mud-drawer-overlay").GetAttribute("aria-hidden"));

        cut.Find(".mud-drawer-overlay").Click();

        Assert.Contains("mud-drawer--closed", DrawerClass(cut));
        Assert.False(HasOverlay(cut));
    }

    [Fact]
    public void On_a_narrow_window_following_a_link_closes_the_drawer()
    {
        JSInterop.Setup<bool>(Narrow, _ => true).SetResult(true);
        var cut = RenderLayout();
        Toggle(cut);
        cut.WaitForAssertion(() => Assert.True(HasOverlay(cut)));

        Navigation.NavigateTo("/t/sandbox/orders");

        // Back to following the window: out of sight below 960 px.
        cut.WaitForAssertion(() => Assert.Contains(ResponsiveDrawer.FollowsWindowClass, DrawerClass(cut)));
        Assert.False(HasOverlay(cut));
    }

    [Fact]
    public void Crossing_960_px_after_a_toggle_makes_the_drawer_follow_the_window_again()
    {
        JSInterop.Setup<bool>(Narrow, _ => true).SetResult(false);
        var cut = RenderLayout();
        Toggle(cut);
        cut.WaitForAssertion(() => Assert.Contains("mud-drawer--closed", DrawerClass(cut)));

        // What the browser's listener calls, with the reference the toggle handed it.
        var listener = JSInterop.Invocations[Narrow].Single().Arguments[1];
        Assert.IsType<Microsoft.JSInterop.DotNetObjectReference<MainLayout>>(listener);
        cut.InvokeAsync(() => cut.Instance.BreakpointCrossed());

        cut.WaitForAssertion(() => Assert.Contains(ResponsiveDrawer.FollowsWindowClass, DrawerClass(cut)));
        Assert.Contains("mud-drawer--open", DrawerClass(cut));
        Assert.Contains("mud-drawer-open-responsive-md-left", LayoutClass(cut));
    }

    [Fact]
    public void When_the_browser_cannot_say_the_toggle_acts_as_on_a_wide_window()
    {
        JSInterop.Setup<bool>(Narrow, _ => true).SetException(new Microsoft.JSInterop.JSException("matchMedia is not available"));
        var cut = RenderLayout();

        Toggle(cut);

        cut.WaitForAssertion(() => Assert.Contains("mud-drawer--closed", DrawerClass(cut)));
        Assert.Contains("page", cut.Find(".mud-main-content").TextContent);
    }
}
