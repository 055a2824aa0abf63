using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;

namespace Dashboard.Components.Layout;

/// <summary>
/// MudThemeProvider with its markup shared between circuits. The provider renders the theme as one <c>&lt;style&gt;</c>
/// string of about 23 KB, built anew on every render, and a circuit keeps it twice (its current and previous render
/// tree) for as long as it lives. The dashboard has one theme, so the few strings it renders (light, dark) are kept
/// once here and every circuit's frames point at the same instance. Everything else (dark mode, the system
/// preference) is MudThemeProvider's own.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    /// <summary>Light and dark, with or without the scrollbar style: beyond this the theme is not a constant, so nothing is kept.</summary>
    private const int MaxShared = 8;

    private static readonly ConcurrentDictionary<string, string> Shared = new(StringComparer.Ordinal);

    // The frames read here are this provider's own, rendered into a scratch builder and copied with the sequence
    // numbers MudThemeProvider gave them, so diffing sees what it would have seen.
#pragma warning disable BL0006, ASP0006
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        using var scratch = new RenderTreeBuilder();
        base.BuildRenderTree(scratch);
        var frames = scratch.GetFrames();
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames.Array[i].FrameType == RenderTreeFrameType.Markup) continue;
            // A later MudBlazor that renders more than markup: render it as it is.
            base.BuildRenderTree(builder);
            return;
        }
        for (var i = 0; i < frames.Count; i++)
            builder.AddMarkupContent(frames.Array[i].Sequence, SharedCopy(frames.Array[i].MarkupContent));
    }
#pragma warning restore BL0006, ASP0006

    internal static string SharedCopy(string markup) =>
        Shared.TryGetValue(markup, out var shared) ? shared
        : Shared.Count < MaxShared ? Shared.GetOrAdd(markup, markup)
        : markup;
}
