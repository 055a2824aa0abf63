using System.Text;

namespace Dashboard.Providers.DynamoDb.Model;

/// <summary>
/// Refuses, before anything is sent, what DynamoDB would reject with a generic error: items over 400 KB, empty
/// strings in key attributes, lone UTF-16 surrogates (the SDK cannot encode them), numbers beyond 38 digits and
/// sets with duplicates. The domain rules make most of these impossible; this is the backstop for direct callers
/// of the port (bulk loads, tools), so a person always sees a validation message instead of a provider fault.
/// </summary>
internal static class ItemGuard
{
    public const int MaxItemBytes = 400 * 1024;
    private const int MaxNumberDigits = 38;

    /// <summary>Attributes that are a key of the table or of an index: DynamoDB refuses them empty.</summary>
    private static readonly HashSet<string> KeyAttributes =
    [
        TableLayout.PK, TableLayout.SK, TableLayout.UserList, TableLayout.NameOrder, ItemNames.Email, ItemNames.OrderId,
    ];

    /// <summary>The domain field a person is told about for an attribute; others fall back to the item's field.</summary>
    private static readonly Dictionary<string, string> Fields = new()
    {
        [ItemNames.Email] = "email", [ItemNames.Name] = "name", [TableLayout.NameOrder] = "name",
        [ItemNames.AvatarUrl] = "avatarUrl", [ItemNames.Items] = "items", [ItemNames.Currency] = "currency",
    };

    /// <param name="field">The field named for the item as a whole, e.g. "items" for an order.</param>
    public static void Check(Dictionary<string, AttributeValue> item, string field)
    {
        foreach (var (name, value) in item)
        {
            var at = Fields.GetValueOrDefault(name, field);
            if (KeyAttributes.Contains(name) && value.S is "")
                throw new ValidationException(at, $"{name} cannot be empty.");
            if (Problem(value) is { } problem)
                throw new ValidationException(at, $"{name}: {problem}");
        }
        var size = Size(item);
        if (size > MaxItemBytes)
            throw new ValidationException(field,
                $"This is too large to store: {size / 1024.0:F0} KB, over DynamoDB's limit of 400 KB per item. Remove some content and try again.");
    }

    private static string? Problem(AttributeValue v)
    {
        if (v.S is not null && !IsEncodable(v.S)) return "contains broken Unicode (a lone surrogate).";
        if (v.N is not null && !IsStorableNumber(v.N)) return $"the number {v.N} has more than {MaxNumberDigits} significant digits.";
        if (v.SS is { Count: > 0 } ss)
        {
            if (ss.Distinct(StringComparer.Ordinal).Count() != ss.Count) return "a string set cannot hold duplicates.";
            if (ss.FirstOrDefault(s => !IsEncodable(s)) is not null) return "contains broken Unicode (a lone surrogate).";
        }
        if (v.NS is { Count: > 0 } ns)
        {
            if (ns.FirstOrDefault(n => !IsStorableNumber(n)) is { } bad) return $"the number {bad} has more than {MaxNumberDigits} significant digits.";
            if (ns.Select(Normalize).Distinct(StringComparer.Ordinal).Count() != ns.Count) return "a number set cannot hold duplicates.";
        }
        if (v.L is { Count: > 0 } list)
            foreach (var element in list)
                if (Problem(element) is { } p) return p;
        if (v.M is { Count: > 0 } map)
            foreach (var (_, element) in map)
                if (Problem(element) is { } p) return p;
        return null;
    }

    private static bool IsEncodable(string s)
    {
        try
        {
            _ = StrictUtf8.GetByteCount(s);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool IsStorableNumber(string n) =>
        decimal.TryParse(n, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
        && Normalize(n).Count(char.IsAsciiDigit) <= MaxNumberDigits;

    /// <summary>The significant digits of a number, for counting and duplicate detection.</summary>
    private static string Normalize(string n)
    {
        var value = decimal.Parse(n, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        return (value / 1.0000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture).TrimStart('-').Replace(".", "").Trim('0');
    }

    /// <summary>An item's size as DynamoDB bills and limits it: names and values in UTF-8, numbers ~1 byte per 2 digits.</summary>
    public static int Size(Dictionary<string, AttributeValue> item) =>
        item.Sum(a => Encoding.UTF8.GetByteCount(a.Key) + Size(a.Value));

    private static int Size(AttributeValue v)
    {
        if (v.S is not null) return Encoding.UTF8.GetByteCount(v.S);
        if (v.N is not null) return NumberSize(v.N);
        if (v.B is not null) return (int)v.B.Length;
        if (v.SS is { } ss) return ss.Sum(Encoding.UTF8.GetByteCount);
        if (v.NS is { } ns) return ns.Sum(NumberSize);
        if (v.L is { } l) return 3 + l.Sum(e => 1 + Size(e));
        if (v.M is { } m) return 3 + m.Sum(e => 1 + Encoding.UTF8.GetByteCount(e.Key) + Size(e.Value));
        return 1; // BOOL, NULL
    }

    private static int NumberSize(string n) => (n.Count(char.IsAsciiDigit) + 1) / 2 + 1;
}
