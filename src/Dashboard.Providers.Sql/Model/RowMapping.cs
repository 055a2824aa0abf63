namespace Dashboard.Providers.Sql.Model;

/// <summary>
/// Between domain records and rows. Times are stored as UTC DateTime at millisecond precision. The write id is
/// the store's, not the domain's: it names the call that writes the row.
/// </summary>
internal static class RowMapping
{
    public static UserRow ToRow(this User u, string writeId) => new()
    {
        Id = u.Id, Email = u.Email, Name = u.Name, NameKey = NameKeyOf(u.Name), AvatarUrl = u.AvatarUrl,
        CreatedAt = u.CreatedAt.UtcDateTime, UpdatedAt = u.UpdatedAt.UtcDateTime, Version = u.Version, WriteId = writeId,
    };

    public static User ToDomain(this UserRow r) =>
        new(r.Id, r.Email, r.Name, r.AvatarUrl, Utc(r.CreatedAt), Utc(r.UpdatedAt), r.Version);

    public static OrderRow ToRow(this Order o, string writeId) => new()
    {
        Id = o.Id, UserId = o.UserId, Status = o.Status.ToString(), Total = o.Total, Currency = o.Currency,
        CreatedAt = o.CreatedAt.UtcDateTime, UpdatedAt = o.UpdatedAt.UtcDateTime, Version = o.Version, WriteId = writeId,
        Items = ItemRows(o),
    };

    public static List<OrderItemRow> ItemRows(Order o) => o.Items
        .Select((i, n) => new OrderItemRow
        {
            OrderId = o.Id, Position = n, ProductId = i.ProductId, ProductName = i.ProductName,
            Quantity = i.Quantity, UnitPrice = i.UnitPrice,
        })
        .ToList();

    public static Order ToDomain(this OrderRow r) => new(
        r.Id, r.UserId, Enum.Parse<OrderStatus>(r.Status),
        r.Items.OrderBy(i => i.Position).Select(i => new OrderItem(i.ProductId, i.ProductName, i.Quantity, i.UnitPrice)).ToList(),
        r.Total, r.Currency, Utc(r.CreatedAt), Utc(r.UpdatedAt), r.Version);

    /// <summary>The case-insensitive ordering and search key of a name.</summary>
    public static string NameKeyOf(string name) => name.ToLowerInvariant();

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
}
