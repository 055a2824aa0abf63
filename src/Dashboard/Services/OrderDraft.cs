namespace Dashboard.Services;

/// <summary>
/// The order page's edit state: a status and item lines based on one version of the order. The total shown
/// is recomputed live; the service computes it again on save.
/// </summary>
public sealed class OrderDraft : IEditDraft<Order>
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

    /// <summary>The live total, or null when it is too large to compute.</summary>
    public decimal? Total => ItemDraft.TotalOf(Items);

    /// <summary>What Save refuses before asking the store (text that is not a number, a total too large).</summary>
    public IReadOnlyDictionary<string, string[]> Problems => ItemDraft.ProblemsOf(Items);

    public bool ItemsEditable => OrderStatusRules.ItemsEditable(Basis.Status);

    /// <summary>The current status and the statuses it may move to: all a status select should offer.</summary>
    public IReadOnlyList<OrderStatus> StatusChoices => [Basis.Status, .. OrderStatusRules.AllowedNext(Basis.Status)];

    /// <summary>True when anything differs from the basis, including text typed into a number field that is not a number.</summary>
    public bool HasChanges => Status != Basis.Status || Items.Any(i => i.HasTypingProblem) || !Items.Select(i => i.ToItem()).SequenceEqual(Basis.Items);

    public OrderChanges ToChanges() => new(Status, Items.Select(i => i.ToItem()).ToList());

    public void AddItem() => Items.Add(new ItemDraft());

    public void RemoveItem(ItemDraft item) => Items.Remove(item);

    /// <summary>Keeps the person's edits but bases them on <paramref name="current"/>; a status it may not move to falls back to its own.</summary>
    public void Rebase(Order current)
    {
        Basis = current;
        if (!StatusChoices.Contains(Status)) Status = current.Status;
    }
}
