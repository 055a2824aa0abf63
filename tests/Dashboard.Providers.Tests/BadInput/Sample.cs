using System.Globalization;
using System.Text;

namespace Dashboard.Providers.Tests.BadInput;

/// <summary>
/// A generated value and whether the rules must accept it. <c>Valid = false</c> means "may be refused": the
/// generator does not restate every rule, it only knows which of its samples are certainly fine.
/// </summary>
public readonly record struct Sample<T>(T Value, bool Valid)
{
    public override string ToString() => $"{Show.Value(Value)}{(Valid ? "" : " (may be refused)")}";
}

/// <summary>Readable, bounded renderings of generated values for failure messages.</summary>
public static class Show
{
    public static string Value(object? value) => value switch
    {
        null => "null",
        string s => Text(s),
        decimal d => d.ToString(CultureInfo.InvariantCulture) + "m",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>A C# literal with every non-ASCII or control unit escaped; long runs are cut with their length shown.</summary>
    public static string Text(string s)
    {
        var b = new StringBuilder("\"");
        foreach (var c in s.Length > 80 ? s[..80] : s)
            b.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c.ToString() : $"\\u{(int)c:X4}");
        b.Append('"');
        if (s.Length > 80) b.Append($"…({s.Length} UTF-16 units)");
        return b.ToString();
    }
}

public static class Sample
{
    public static Sample<string?> Of(string? value, bool valid) => new(value, valid);
}
