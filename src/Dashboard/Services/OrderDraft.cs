using Dashboard.Core.Domain;

namespace Dashboard.Services;

/// <summary>One editable line of an order form.</summary>
public sealed class ItemDraft
{
    public string ProductId { get; set; } = "";
    public string ProductName { get; set; } = "";
    public int Quantity { get; set; } = 1;
    public decimal UnitPrice { get; set; }

    public decimal LineTotal => Quantity * UnitPrice;

    public static ItemDraft From(OrderItem item) => new()
    {
        ProductId = item.ProductId, ProductName = item.ProductName, Quantity = item.Quantity, UnitPrice = item.UnitPrice,
    };

    public OrderItem ToItem() => new(ProductId, ProductName, Quantity, UnitPrice);
}

/// <summary>
/// The order page's edit state: a status and item lines based on one version of the order. The total shown
/// is recomputed live; the service computes it again on save.
/// </summary>
public sealed class OrderDraft
{
    public OrderDraft(Order basis)
    {
        Basis = basis;
        Status = basis.Status;
        Items = basis.Items.Select(ItemDraft.From).ToList();
    }

    /// <summary>The version the edits apply to; a save sends its version as the expected one.</summary>
    public Order Basis { get; private set; }

    public OrderStatus Status { get; set; }

    public List<ItemDraft> Items { get; }

    public decimal Total => Items.Sum(i => i.LineTotal);

    public bool ItemsEditable => OrderStatusRules.ItemsEditable(Basis.Status);

    /// <summary>The current status and the statuses it may move to: all a status select should offer.</summary>
    public IReadOnlyList<OrderStatus> StatusChoices => [Basis.Status, .. OrderStatusRules.AllowedNext(Basis.Status)];

    public bool HasChanges => Status != Basis.Status || !Items.Select(i => i.ToItem()).SequenceEqual(Basis.Items);

    public OrderChanges ToChanges() => new(Status, Items.Select(i => i.ToItem()).ToList());

    public void AddItem() => Items.Add(new ItemDraft());

    public void RemoveItem(ItemDraft item) => Items.Remove(item);

    /// <summary>Keeps the person's edits but bases them on <paramref name="current"/>, after a conflict.</summary>
    public void Rebase(Order current)
    {
        Basis = current;
        if (!StatusChoices.Contains(Status)) Status = current.Status;
    }
}
