namespace Dashboard.Core.Domain;

public enum OrderStatus
{
    Pending,
    Processing,
    Shipped,
    Delivered,
    Cancelled,
}

/// <summary>The order life cycle: Pending → Processing → Shipped → Delivered; Pending or Processing → Cancelled.</summary>
public static class OrderStatusRules
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Next = new()
    {
        [OrderStatus.Pending] = [OrderStatus.Processing, OrderStatus.Cancelled],
        [OrderStatus.Processing] = [OrderStatus.Shipped, OrderStatus.Cancelled],
        [OrderStatus.Shipped] = [OrderStatus.Delivered],
        [OrderStatus.Delivered] = [],
        [OrderStatus.Cancelled] = [],
    };

    /// <summary>Statuses an order may move to next (not counting staying where it is).</summary>
    public static IReadOnlyList<OrderStatus> AllowedNext(OrderStatus from) => Next[from];

    /// <summary>Staying in the same status is always allowed; it is how items are edited.</summary>
    public static bool CanMove(OrderStatus from, OrderStatus to) => from == to || Next[from].Contains(to);

    /// <summary>Items can change only before the order ships; afterwards it is a record of what was sent.</summary>
    public static bool ItemsEditable(OrderStatus status) => status is OrderStatus.Pending or OrderStatus.Processing;
}
