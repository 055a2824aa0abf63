using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Dashboard.Components.Plain;

/// <summary>How a <see cref="PlainButton"/> looks: MudBlazor's button variants.</summary>
public enum PlainVariant { Text, Outlined, Filled }

/// <summary>
/// MudButton's markup without the component, for buttons that sit on a page for as long as it is open (headers,
/// pagers): a circuit keeps every component's two render trees while its page lives, and a button as markup is a
/// handful of frames in its parent's tree instead. Same element, classes and icon placement as MudButton.
/// </summary>
public sealed record PlainButton(string Label)
{
    public PlainVariant Variant { get; init; } = PlainVariant.Outlined;

    /// <summary>MudBlazor's color name in its classes: default, primary, inherit...</summary>
    public string Color { get; init; } = "default";

    public string? StartIcon { get; init; }
    public string? EndIcon { get; init; }
    public bool Disabled { get; init; }

    /// <summary>"submit" for a form's button; its click then goes to the form.</summary>
    public string Type { get; init; } = "button";

    public string Size { get; init; } = "medium";
    public string? Class { get; init; }

    /// <summary>The button as frames of the component that renders it; <paramref name="receiver"/> re-renders after a click.</summary>
    public RenderFragment Render(IHandleEvent receiver, Func<Task>? onClick = null) => builder => Build(builder, receiver, onClick);

    private void Build(RenderTreeBuilder builder, IHandleEvent receiver, Func<Task>? onClick)
    {
        var variant = Variant.ToString().ToLowerInvariant();
        builder.OpenElement(0, "button");
        builder.AddAttribute(1, "type", Type);
        builder.AddAttribute(2, "class", $"mud-button-root mud-button mud-button-{variant} mud-button-{variant}-{Color} mud-button-{variant}-size-{Size} mud-ripple {Class}".TrimEnd());
        builder.AddAttribute(3, "disabled", Disabled);
        if (onClick is not null) builder.AddAttribute(4, "onclick", EventCallback.Factory.Create(receiver, onClick));
        builder.OpenElement(5, "span");
        builder.AddAttribute(6, "class", "mud-button-label");
        if (StartIcon is not null)
        {
            builder.OpenRegion(7);
            Icon(builder, "start", StartIcon);
            builder.CloseRegion();
        }
        builder.AddContent(8, Label);
        if (EndIcon is not null)
        {
            builder.OpenRegion(9);
            Icon(builder, "end", EndIcon);
            builder.CloseRegion();
        }
        builder.CloseElement();
        builder.CloseElement();
    }

    private void Icon(RenderTreeBuilder builder, string side, string icon)
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", $"mud-button-icon-{side} mud-button-icon-size-{Size}");
        builder.AddContent(2, SvgIcons.Of(icon));
        builder.CloseElement();
    }
}
