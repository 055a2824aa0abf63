using Bunit;
using Dashboard.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;

namespace Dashboard.Tests.Pages;

/// <summary>
/// The layout's error boundary: a page that throws while rendering or in an event handler shows the recovery
/// panel inside the app (app bar and navigation stay), and Reload or another page brings pages back.
/// </summary>
public sealed class ErrorBoundaryTests : DashboardTestContext
{
    private IRenderedComponent<MainLayout> RenderLayoutAround<TPage>(Failure failure) where TPage : IComponent
    {
        RenderFragment body = b =>
        {
            b.OpenComponent<TPage>(0);
            b.AddComponentParameter(1, nameof(Failure), failure);
            b.CloseComponent();
        };
        return Render<MainLayout>(p => p.Add(x => x.Body, body));
    }

    private static void AssertRecoveryPanel(IRenderedComponent<MainLayout> cut)
    {
        var panel = cut.Find(".recovery-panel");
        Assert.Equal("alert", panel.GetAttribute("role"));
        Assert.Contains("This page stopped working", panel.TextContent);
        Assert.Matches("^[0-9a-f]{8}$", cut.Find("[data-testid=error-reference]").TextContent);
        Assert.Contains("Serverless Admin", cut.Find("header").TextContent);
    }

    [Fact]
    public void A_page_that_throws_while_rendering_shows_the_recovery_panel_and_Reload_shows_it_again()
    {
        var failure = new Failure { Remaining = 1 };
        var cut = RenderLayoutAround<ThrowsWhileRendering>(failure);

        AssertRecoveryPanel(cut);
        cut.Button("Reload").Click();

        cut.WaitForAssertion(() => Assert.Contains("The page is back.", cut.Markup));
        Assert.Empty(cut.FindAll(".recovery-panel"));
    }

    [Fact]
    public void A_click_handler_that_throws_shows_the_recovery_panel_instead_of_ending_the_circuit()
    {
        var failure = new Failure { Remaining = 1 };
        var cut = RenderLayoutAround<ThrowsOnClick>(failure);

        cut.Button("Do the thing").Click();

        cut.WaitForAssertion(() => AssertRecoveryPanel(cut));
        Assert.Equal(0, failure.Remaining);
    }

    [Fact]
    public void Going_to_another_page_leaves_the_failure_behind()
    {
        var cut = RenderLayoutAround<ThrowsWhileRendering>(new Failure { Remaining = 1 });
        AssertRecoveryPanel(cut);

        Navigation.NavigateTo("/t/sandbox/users");

        cut.WaitForAssertion(() => Assert.Contains("The page is back.", cut.Markup));
    }

    /// <summary>How many more times the test page fails.</summary>
    public sealed class Failure
    {
        public int Remaining { get; set; }

        public void MaybeThrow()
        {
            if (Remaining <= 0) return;
            Remaining--;
            throw new InvalidOperationException("A page bug, for the test.");
        }
    }

    private sealed class ThrowsWhileRendering : ComponentBase
    {
        [Parameter] public Failure Failure { get; set; } = null!;

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            Failure.MaybeThrow();
            builder.AddMarkupContent(0, "<p>The page is back.</p>");
        }
    }

    private sealed class ThrowsOnClick : ComponentBase
    {
        [Parameter] public Failure Failure { get; set; } = null!;

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "type", "button");
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, () => Failure.MaybeThrow()));
            builder.AddContent(3, "Do the thing");
            builder.CloseElement();
        }
    }
}
