namespace Dashboard.Providers.Sql.Model;

/// <summary>A row of <c>orders</c>; its items live in <c>order_items</c>.</summary>
public sealed class OrderRow
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public required string Status { get; set; }
    public decimal Total { get; set; }
    public required string Currency { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
    /// <summary>The store call that last wrote this order (<see cref="WriteIds"/>); null for rows older than write ids.</summary>
    public string? WriteId { get; set; }
    public List<OrderItemRow> Items { get; set; } = [];
}

/// <summary>A row of <c>order_items</c>; <see cref="Position"/> keeps the order the person entered them in.</summary>
public sealed class OrderItemRow
{
    public long Id { get; set; }
    public required string OrderId { get; set; }
    public int Position { get; set; }
    public required string ProductId { get; set; }
    public required string ProductName { get; set; }
    public int Quantity { get; set; }
    public decimal UnitPrice { get; set; }
}
