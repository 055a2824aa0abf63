namespace Dashboard.Services;

/// <summary>
/// The orders page's filter as it travels in a URL (<c>?status=Pending&amp;from=2025-01-01&amp;to=2025-01-31</c>, UTC
/// days): read forgivingly (a value that does not parse is dropped and named in <see cref="Problems"/>, never an
/// error page) and written back the same way, so links, the back button and the tenant switcher keep it.
/// </summary>
public sealed record OrdersFilter(OrderQuery Query, IReadOnlyList<string> Problems)
{
    public static OrdersFilter Parse(string? status, string? from, string? to)
    {
        var problems = new List<string>();
        OrderStatus? parsedStatus = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<OrderStatus>(status.Trim(), ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _))
                parsedStatus = s;
            else
                problems.Add($"“{Shorten(status)}” is not a status ({string.Join(", ", Enum.GetNames<OrderStatus>())}), so orders of every status are shown.");
        }
        var fromDay = Day(from, "from", problems);
        var toDay = Day(to, "to", problems);
        if (fromDay is { } f && toDay is { } t && t < f)
        {
            problems.Add($"The window ends ({QueryValues.FormatDay(t.ToDateTime(TimeOnly.MinValue))}) before it starts, so the end date is ignored.");
            toDay = null;
        }
        return new OrdersFilter(new OrderQuery(parsedStatus, fromDay, toDay), problems);
    }

    public static OrdersFilter Of(OrderQuery query) => new(query, []);

    /// <summary>The filter's query parameters (null for what is not set), for <c>GetUriWithQueryParameters</c>.</summary>
    public Dictionary<string, object?> Parameters() => new()
    {
        ["status"] = Query.Status?.ToString(),
        ["from"] = Query.From is { } f ? QueryValues.FormatDay(f.ToDateTime(TimeOnly.MinValue)) : null,
        ["to"] = Query.To is { } t ? QueryValues.FormatDay(t.ToDateTime(TimeOnly.MinValue)) : null,
    };

    public bool IsEmpty => Query.Status is null && Query.From is null && Query.To is null;

    private static DateOnly? Day(string? text, string name, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (QueryValues.Day(text.Trim()) is { } day) return DateOnly.FromDateTime(day);
        problems.Add($"“{Shorten(text)}” is not a date (yyyy-mm-dd), so “{name}” is ignored.");
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
