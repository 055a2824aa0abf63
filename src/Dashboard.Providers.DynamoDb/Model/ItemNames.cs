namespace Dashboard.Providers.DynamoDb.Model;

/// <summary>Attribute names of the items, beside the key attributes of <see cref="TableLayout"/>.</summary>
internal static class ItemNames
{
    public const string Type = "Type";
    public const string UserId = "UserId";
    public const string OrderId = "OrderId";
    public const string Email = "Email";
    public const string Name = "Name";
    public const string AvatarUrl = "AvatarUrl";
    public const string Status = "Status";
    public const string Items = "Items";
    public const string Total = "Total";
    public const string Currency = "Currency";
    public const string CreatedAt = "CreatedAt";
    public const string UpdatedAt = "UpdatedAt";
    public const string Version = "Version";
    /// <summary>The store call that wrote the item (<see cref="WriteIds"/>); on user and order items.</summary>
    public const string WriteId = "WriteId";

    public const string ProductId = "ProductId";
    public const string ProductName = "ProductName";
    public const string Quantity = "Quantity";
    public const string UnitPrice = "UnitPrice";

    public const string UserType = "User";
    public const string OrderType = "Order";
    public const string EmailMarkerType = "EmailMarker";
}
