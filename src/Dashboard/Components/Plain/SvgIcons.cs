using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Plain;

/// <summary>
/// A MudBlazor icon as one markup string, the same element <c>MudIcon</c> renders. MudIcon is a component, and
/// every circuit keeps each component's render trees for as long as its page is open; a markup string is one frame
/// of its parent, and this one is built once per icon and shared by every circuit.
/// </summary>
public static class SvgIcons
{
    private static readonly ConcurrentDictionary<(string Icon, string Class, string Size), MarkupString> Cache = new();

    /// <param name="icon">An <c>Icons.Material.*</c> value (the SVG's inner elements).</param>
    /// <param name="extraClass">Classes after MudBlazor's own, e.g. the nav link's icon classes.</param>
    /// <param name="size">MudBlazor's icon size: small, medium or large.</param>
    public static MarkupString Of(string icon, string extraClass = "", string size = "medium") => Cache.GetOrAdd((icon, extraClass, size), key => new MarkupString(
        $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-{key.Size} {key.Class}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{key.Icon}</svg>"));
}
