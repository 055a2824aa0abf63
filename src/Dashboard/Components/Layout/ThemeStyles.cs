using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Dashboard.Components.Layout;

/// <summary>The theme's style blocks for light or dark: the shared strings of <see cref="ThemeMarkup"/>, nothing per circuit.</summary>
public sealed class ThemeStyles : ComponentBase
{
    [Parameter] public bool IsDarkMode { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        var markup = ThemeMarkup.For(IsDarkMode);
        // Both modes have the same number of blocks (ThemeMarkup checks it), so a block's index is a stable sequence number.
#pragma warning disable ASP0006
        for (var i = 0; i < markup.Count; i++) builder.AddMarkupContent(i, markup[i]);
#pragma warning restore ASP0006
    }
}
