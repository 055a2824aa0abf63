namespace Dashboard.Core.Domain;

/// <summary>
/// ULIDs as bounds of a time range: the smallest ULID of a millisecond is its time part followed by sixteen
/// zeros, so "created at or after t" is "id ≥ AtOrAfter(t)" on any index ordered by id.
/// </summary>
public static class UlidBounds
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string AtOrAfter(DateTimeOffset at)
    {
        var ms = Math.Clamp(at.ToUnixTimeMilliseconds(), 0, 0xFFFF_FFFF_FFFF);
        Span<char> chars = stackalloc char[26];
        chars[10..].Fill('0');
        for (var i = 9; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(ms & 31)];
            ms >>= 5;
        }
        return new string(chars);
    }

    /// <summary>
    /// The greatest 26-character id below <paramref name="id"/> (its predecessor in base32), or null when
    /// <paramref name="id"/> is the smallest: turns "id &lt; x" into the inclusive bound some indexes need.
    /// </summary>
    public static string? Before(string id)
    {
        var chars = id.ToCharArray();
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            var digit = Alphabet.IndexOf(chars[i]);
            if (digit > 0)
            {
                chars[i] = Alphabet[digit - 1];
                return new string(chars);
            }
            chars[i] = Alphabet[^1];
        }
        return null;
    }

    /// <summary>The creation time written in an id's first ten characters.</summary>
    public static DateTimeOffset TimeOf(string id)
    {
        long ms = 0;
        for (var i = 0; i < 10; i++) ms = (ms << 5) | (uint)Alphabet.IndexOf(id[i]);
        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }
}
