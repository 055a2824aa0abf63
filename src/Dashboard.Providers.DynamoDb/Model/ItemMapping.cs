using static Dashboard.Providers.DynamoDb.Model.ItemNames;

namespace Dashboard.Providers.DynamoDb.Model;

/// <summary>
/// Between domain records and items. Money is an N holding the exact decimal text (DynamoDB keeps 38 digits,
/// never a double); times are ISO-8601 UTC strings at millisecond precision, which sort as they compare.
/// </summary>
internal static class ItemMapping
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static Dictionary<string, AttributeValue> ToItem(this User u, string writeId)
    {
        var item = TableLayout.ProfileKey(u.Id);
        item[ItemNames.Type] = S(UserType);
        item[UserId] = S(u.Id);
        item[Email] = S(u.Email);
        item[Name] = S(u.Name);
        if (u.AvatarUrl is not null) item[AvatarUrl] = S(u.AvatarUrl);
        item[CreatedAt] = S(Time(u.CreatedAt));
        item[UpdatedAt] = S(Time(u.UpdatedAt));
        item[ItemNames.Version] = N(u.Version);
        item[WriteId] = S(writeId);
        item[TableLayout.UserList] = S(TableLayout.UserListValue);
        item[TableLayout.NameOrder] = S(NameKeyOf(u.Name) + TableLayout.NameOrderSeparator + u.Id);
        return item;
    }

    public static User ToUser(this Dictionary<string, AttributeValue> item) => new(
        item[UserId].S, item[Email].S, item[Name].S,
        item.TryGetValue(AvatarUrl, out var avatar) ? avatar.S : null,
        ParseTime(item[CreatedAt].S), ParseTime(item[UpdatedAt].S), long.Parse(item[ItemNames.Version].N, CultureInfo.InvariantCulture));

    public static Dictionary<string, AttributeValue> EmailMarker(string email, string userId)
    {
        var item = TableLayout.EmailMarkerKey(email);
        item[ItemNames.Type] = S(EmailMarkerType);
        item[UserId] = S(userId);
        return item;
    }

    public static Dictionary<string, AttributeValue> ToItem(this Order o, string writeId)
    {
        var item = TableLayout.OrderKey(o.UserId, o.Id);
        item[ItemNames.Type] = S(OrderType);
        item[OrderId] = S(o.Id);
        item[UserId] = S(o.UserId);
        item[Status] = S(o.Status.ToString());
        item[Items] = new AttributeValue { L = o.Items.Select(ToValue).ToList() };
        item[Total] = Money(o.Total);
        item[Currency] = S(o.Currency);
        item[CreatedAt] = S(Time(o.CreatedAt));
        item[UpdatedAt] = S(Time(o.UpdatedAt));
        item[ItemNames.Version] = N(o.Version);
        item[WriteId] = S(writeId);
        var shard = OrderShards.Of(o.Id);
        item[TableLayout.StatusShard] = S(OrderShards.StatusKey(o.Status, shard));
        item[TableLayout.OrderShard] = S(OrderShards.AllKey(shard));
        return item;
    }

    public static Order ToOrder(this Dictionary<string, AttributeValue> item) => new(
        item[OrderId].S, item[UserId].S, Enum.Parse<OrderStatus>(item[Status].S),
        item[Items].L.Select(ToOrderItem).ToList(),
        ParseMoney(item[Total].N), item[Currency].S,
        ParseTime(item[CreatedAt].S), ParseTime(item[UpdatedAt].S), long.Parse(item[ItemNames.Version].N, CultureInfo.InvariantCulture));

    private static AttributeValue ToValue(OrderItem i) => new()
    {
        M = new Dictionary<string, AttributeValue>
        {
            [ProductId] = S(i.ProductId),
            [ProductName] = S(i.ProductName),
            [Quantity] = N(i.Quantity),
            [UnitPrice] = Money(i.UnitPrice),
        },
    };

    private static OrderItem ToOrderItem(AttributeValue v) => new(
        v.M[ProductId].S, v.M[ProductName].S, int.Parse(v.M[Quantity].N, CultureInfo.InvariantCulture), ParseMoney(v.M[UnitPrice].N));

    /// <summary>The case-insensitive ordering and search key of a name (the same rule as the SQL providers).</summary>
    public static string NameKeyOf(string name) => name.ToLowerInvariant();

    public static AttributeValue S(string value) => new(value);

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Money(decimal value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>DynamoDB returns numbers normalised ("10.5" for 10.50); adding 0.00m restores the two-decimal scale.</summary>
    private static decimal ParseMoney(string n) => decimal.Parse(n, NumberStyles.Float, CultureInfo.InvariantCulture) + 0.00m;

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string s) =>
        DateTimeOffset.ParseExact(s, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
