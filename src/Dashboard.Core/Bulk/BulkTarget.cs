namespace Dashboard.Core.Bulk;

/// <summary>
/// One order to move, as the person saw it: its version then is the condition of the write, so a change made
/// by someone else since is a conflict, never overwritten. Its items go back unchanged (a status change only).
/// </summary>
public sealed record BulkTarget(string OrderId, long ExpectedVersion, OrderStatus Status, IReadOnlyList<OrderItem> Items)
{
    public static BulkTarget Of(Order order) => new(order.Id, order.Version, order.Status, order.Items);
}
