namespace Dashboard.Core.Domain;

/// <summary>An order of a user. Its id is a ULID, so ids sort by creation time.</summary>
public sealed record Order(
    string Id,
    string UserId,
    OrderStatus Status,
    IReadOnlyList<OrderItem> Items,
    decimal Total,
    string Currency,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    /// <summary>Orders are equal when every field and every item (in order) is equal, not when they share a list.</summary>
    public bool Equals(Order? other) =>
        other is not null
        && (Id, UserId, Status, Total, Currency, CreatedAt, UpdatedAt, Version)
            == (other.Id, other.UserId, other.Status, other.Total, other.Currency, other.CreatedAt, other.UpdatedAt, other.Version)
        && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => HashCode.Combine(Id, Version);
}

/// <summary>One line of an order. Unit prices carry at most two decimals.</summary>
public sealed record OrderItem(string ProductId, string ProductName, int Quantity, decimal UnitPrice)
{
    /// <summary>Quantity × unit price, or null when the product is too large for a decimal (input validation refuses).</summary>
    public decimal? LineTotal => OrderAmounts.TryMultiply(Quantity, UnitPrice, out var total) ? total : null;
}

/// <summary>What a person supplies to create an order; the total is computed, never taken from the client.</summary>
public sealed record NewOrder(string UserId, string Currency, IReadOnlyList<OrderItem> Items);

/// <summary>An order edit: the new status and the complete new list of items, applied atomically.</summary>
public sealed record OrderChanges(OrderStatus Status, IReadOnlyList<OrderItem> Items);
