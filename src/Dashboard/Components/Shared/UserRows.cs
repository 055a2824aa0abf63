using Dashboard.Core.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Dashboard.Components.Shared;

/// <summary>
/// One page of the users table's rows, rendered once. A component keeps the tree it rendered before the last one,
/// so a table that drew its rows itself kept the previous page's row markup (about 20 KB of strings) for as long
/// as the page stayed open. The table keys this component by its items: another page is a new instance and the
/// old one goes with its trees. Parameters set again with the same items and tenant (the table re-rendering for
/// its loading bar) do not render the rows again.
/// </summary>
public sealed class UserRows : IComponent
{
    private RenderHandle _handle;
    private IReadOnlyList<User>? _items;
    private string? _tenant;

    [Parameter, EditorRequired] public string Tenant { get; set; } = "";
    [Parameter, EditorRequired] public IReadOnlyList<User> Items { get; set; } = [];

    public void Attach(RenderHandle renderHandle) => _handle = renderHandle;

    public Task SetParametersAsync(ParameterView parameters)
    {
        parameters.SetParameterProperties(this);
        if (ReferenceEquals(Items, _items) && Tenant == _tenant) return Task.CompletedTask;
        (_items, _tenant) = (Items, Tenant);
        _handle.Render(Build);
        return Task.CompletedTask;
    }

    private void Build(RenderTreeBuilder builder)
    {
        foreach (var user in Items)
        {
            builder.OpenElement(0, "tr");
            builder.AddAttribute(1, "class", "mud-table-row mud-table-row-clickable row-link");
            builder.AddContent(2, UserRowCells.For(Tenant, user));
            builder.CloseElement();
        }
    }
}
