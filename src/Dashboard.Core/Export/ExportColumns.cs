using System.Globalization;

namespace Dashboard.Core.Export;

/// <summary>
/// What an exported row holds. Times are UTC in ISO 8601 (a spreadsheet in any locale reads them the same),
/// money an invariant decimal with its currency in the next column. Text goes through CsvHelper's formula guard.
/// </summary>
public static class ExportColumns
{
    private const string UtcTime = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static IReadOnlyList<CsvColumn<User>> Users { get; } =
    [
        new("id", (w, u) => w.WriteField(u.Id)),
        new("email", (w, u) => w.WriteField(u.Email)),
        new("name", (w, u) => w.WriteField(u.Name)),
        new("created_at", (w, u) => w.WriteField(u.CreatedAt.UtcDateTime, UtcTime)),
        new("updated_at", (w, u) => w.WriteField(u.UpdatedAt.UtcDateTime, UtcTime)),
    ];

    public static IReadOnlyList<CsvColumn<Order>> Orders { get; } =
    [
        new("id", (w, o) => w.WriteField(o.Id)),
        new("user_id", (w, o) => w.WriteField(o.UserId)),
        new("status", (w, o) => w.WriteField(o.Status.ToString())),
        new("item_count", (w, o) => w.WriteField(o.Items.Count)),
        new("total", (w, o) => w.WriteField(o.Total.ToString("0.00", CultureInfo.InvariantCulture))),
        new("currency", (w, o) => w.WriteField(o.Currency)),
        new("created_at", (w, o) => w.WriteField(o.CreatedAt.UtcDateTime, UtcTime)),
        new("updated_at", (w, o) => w.WriteField(o.UpdatedAt.UtcDateTime, UtcTime)),
    ];
}
