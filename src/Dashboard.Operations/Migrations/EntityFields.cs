using Dashboard.Core.Domain;

namespace Dashboard.Operations.Migrations;

/// <summary>
/// Every field of a user or order in one canonical text form, the same whatever backend read it: timestamps as
/// UTC with milliseconds, amounts without trailing zeros, a missing value distinct from an empty one. Checksums
/// and difference reports are made from it.
/// </summary>
public static class EntityFields
{
    public static IReadOnlyList<KeyValuePair<string, string>> Of(User user) =>
    [
        new("id", user.Id),
        new("email", user.Email),
        new("name", user.Name),
        new("avatarUrl", Optional(user.AvatarUrl)),
        new("createdAt", Time(user.CreatedAt)),
        new("updatedAt", Time(user.UpdatedAt)),
        new("version", user.Version.ToString(CultureInfo.InvariantCulture)),
    ];

    public static IReadOnlyList<KeyValuePair<string, string>> Of(Order order)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("id", order.Id),
            new("userId", order.UserId),
            new("status", order.Status.ToString()),
            new("total", Amount(order.Total)),
            new("currency", order.Currency),
            new("createdAt", Time(order.CreatedAt)),
            new("updatedAt", Time(order.UpdatedAt)),
            new("version", order.Version.ToString(CultureInfo.InvariantCulture)),
            new("items", order.Items.Count.ToString(CultureInfo.InvariantCulture)),
        };
        for (var i = 0; i < order.Items.Count; i++)
        {
            var item = order.Items[i];
            fields.Add(new($"items[{i}]", $"{item.ProductId}|{item.ProductName}|{item.Quantity.ToString(CultureInfo.InvariantCulture)}|{Amount(item.UnitPrice)}"));
        }
        return fields;
    }

    private static string Optional(string? value) => value is null ? "\u2205" : "\"" + value + "\"";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string Amount(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
