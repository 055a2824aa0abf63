using System.Globalization;

namespace Dashboard.Services;

/// <summary>
/// Reading values from a URL's query, which anyone can edit: a value that does not parse or is out of range is
/// ignored (the fallback is used), never an error. Pages take query parameters as text and read them here.
/// </summary>
public static class QueryValues
{
    /// <summary>The number if it is one of <paramref name="allowed"/>, else <paramref name="fallback"/>.</summary>
    public static int OneOf(string? text, IReadOnlyCollection<int> allowed, int fallback) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && allowed.Contains(value) ? value : fallback;

    /// <summary>A positive whole number (an id, a position), or null.</summary>
    public static long? PositiveLong(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    /// <summary>A day written yyyy-MM-dd, or null; the last day of the calendar is refused so "the day after" always exists.</summary>
    public static DateTime? Day(string? text) =>
        DateTime.TryParseExact(text, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day < DateTime.MaxValue.Date
            ? day
            : null;

    public const string DayFormat = "yyyy-MM-dd";

    public static string FormatDay(DateTime day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);
}
