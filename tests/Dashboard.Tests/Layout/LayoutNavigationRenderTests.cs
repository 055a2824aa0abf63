using Bunit;
using Dashboard.Components.Layout;
using Dashboard.Core.Access;
using Dashboard.Services;
using Dashboard.Tests.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Routing;

namespace Dashboard.Tests.Layout;

/// <summary>
/// The router renders the layout again on every navigation (a new Body), before the layout hears of the navigation
/// itself. That render already shows the new page's tenant and current link, so the layout does not render a second
/// time, which would render the page, the error boundary and the dialog provider again too.
/// </summary>
public sealed class LayoutNavigationRenderTests : DashboardTestContext
{
    [Fact]
    public void A_navigation_renders_the_layout_once_with_the_new_current_link()
    {
        SignInAs(Role.Support, TenantId);
        Navigation.NavigateTo(TenantRoutes.Users(TenantId));
        var host = Render<RouterLike>();
        var layout = host.FindComponent<CountedLayout>();
        layout.WaitForAssertion(() => Assert.Equal("true", layout.Find("#app-shell").GetAttribute("data-interactive")));
        var before = layout.Instance.Renders;

        Navigation.NavigateTo(TenantRoutes.Orders(TenantId));

        layout.WaitForAssertion(() => Assert.Equal(TenantRoutes.Orders(TenantId), layout.Find("nav a.active").GetAttribute("href")));
        Assert.Equal(before + 1, layout.Instance.Renders);
        Assert.Contains(TenantRoutes.Orders(TenantId), layout.Find(".mud-main-content").TextContent);
    }

    [Fact]
    public void Without_a_render_from_the_router_a_navigation_still_shows_the_new_current_link()
    {
        SignInAs(Role.Support, TenantId);
        Navigation.NavigateTo(TenantRoutes.Users(TenantId));
        var layout = Render<MainLayout>(p => p.Add(x => x.Body, b => b.AddContent(0, "page")));

        Navigation.NavigateTo(TenantRoutes.Orders(TenantId));

        layout.WaitForAssertion(() => Assert.Equal(TenantRoutes.Orders(TenantId), layout.Find("nav a.active").GetAttribute("href")));
    }

    /// <summary>What the router does: subscribed before the layout, it renders it with a new Body on every navigation.</summary>
    private sealed class RouterLike : ComponentBase, IDisposable
    {
        [Inject] private NavigationManager Nav { get; set; } = null!;

        protected override void OnInitialized() => Nav.LocationChanged += OnLocationChanged;

        private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => StateHasChanged();

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            var uri = Nav.ToBaseRelativePath(Nav.Uri);
            builder.OpenComponent<CountedLayout>(0);
            builder.AddComponentParameter(1, nameof(MainLayout.Body), (RenderFragment)(b => b.AddContent(0, "/" + uri)));
            builder.CloseComponent();
        }

        public void Dispose() => Nav.LocationChanged -= OnLocationChanged;
    }

    /// <summary>The layout, counting its own renders (a rendered component's RenderCount also counts its children's).</summary>
    private sealed class CountedLayout : MainLayout
    {
        public int Renders { get; private set; }

        protected override void OnAfterRender(bool firstRender) => Renders++;
    }
}
