namespace Dashboard.Providers.Fauna.Model;

/// <summary>
/// Our entities as Fauna document fields. Fauna gives documents numeric ids of its own, so our ULID lives in
/// the field <c>ulid</c> (unique, indexed by <c>byUlid</c>). Money travels as whole cents (<c>@long</c>) because
/// FQL has no decimal type. <c>writeId</c> names the store call that last wrote the document, so a retried
/// write can recognise that its first attempt already committed.
/// </summary>
internal static class DocumentMapping
{
    public static string NameKey(string name) => name.ToLowerInvariant();

    public static Dictionary<string, object?> ToFields(this User user, string writeId)
    {
        var nameKey = NameKey(user.Name);
        return new Dictionary<string, object?>
        {
            ["ulid"] = user.Id,
            ["email"] = user.Email,
            ["name"] = user.Name,
            ["nameKey"] = nameKey,
            ["avatarUrl"] = user.AvatarUrl,
            ["createdAt"] = user.CreatedAt,
            ["updatedAt"] = user.UpdatedAt,
            ["version"] = user.Version,
            ["writeId"] = writeId,
            ["search"] = SearchPrefixes.For(user.Email, nameKey),
        };
    }

    public static User ToUser(this FaunaDocument doc) => new(
        Text(doc, "ulid"),
        Text(doc, "email"),
        Text(doc, "name"),
        doc["avatarUrl"] as string,
        Time(doc, "createdAt"),
        Time(doc, "updatedAt"),
        Long(doc["version"], "version"));

    public static Dictionary<string, object?> ToFields(this Order order, string writeId) => new()
    {
        ["ulid"] = order.Id,
        ["userId"] = order.UserId,
        ["status"] = order.Status.ToString(),
        ["items"] = order.Items.Select(i => new Dictionary<string, object?>
        {
            ["productId"] = i.ProductId,
            ["productName"] = i.ProductName,
            ["quantity"] = i.Quantity,
            ["unitPriceCents"] = Cents(i.UnitPrice),
        }).ToList(),
        ["totalCents"] = Cents(order.Total),
        ["currency"] = order.Currency,
        ["createdAt"] = order.CreatedAt,
        ["updatedAt"] = order.UpdatedAt,
        ["version"] = order.Version,
        ["writeId"] = writeId,
    };

    public static Order ToOrder(this FaunaDocument doc) => new(
        Text(doc, "ulid"),
        Text(doc, "userId"),
        Enum.Parse<OrderStatus>(Text(doc, "status")),
        (doc["items"] as IReadOnlyList<object?> ?? []).Select(ToItem).ToList(),
        Long(doc["totalCents"], "totalCents") / 100m,
        Text(doc, "currency"),
        Time(doc, "createdAt"),
        Time(doc, "updatedAt"),
        Long(doc["version"], "version"));

    private static OrderItem ToItem(object? value)
    {
        var o = value as IReadOnlyDictionary<string, object?> ?? throw new FaunaProtocolException("An order item is not an object.");
        return new OrderItem(
            o.GetValueOrDefault("productId") as string ?? "",
            o.GetValueOrDefault("productName") as string ?? "",
            (int)Long(o.GetValueOrDefault("quantity"), "quantity"),
            Long(o.GetValueOrDefault("unitPriceCents"), "unitPriceCents") / 100m);
    }

    /// <summary>Amounts have at most two decimals (the service validates it); anything else would be rounded, so it is refused.</summary>
    private static long Cents(decimal amount)
    {
        var cents = amount * 100m;
        if (cents != decimal.Truncate(cents)) throw new ArgumentException($"The amount {amount} has more than two decimals.", nameof(amount));
        return (long)cents;
    }

    private static string Text(FaunaDocument doc, string field) =>
        doc[field] as string ?? throw new FaunaProtocolException($"Document {doc.Collection}/{doc.Id} has no text field '{field}'.");

    private static DateTimeOffset Time(FaunaDocument doc, string field) =>
        doc[field] as DateTimeOffset? ?? throw new FaunaProtocolException($"Document {doc.Collection}/{doc.Id} has no time field '{field}'.");

    private static long Long(object? value, string field) => value switch
    {
        long l => l,
        int i => i,
        double d when d == Math.Floor(d) => (long)d,
        _ => throw new FaunaProtocolException($"The field '{field}' is not a whole number."),
    };
}
