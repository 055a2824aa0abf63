using System.Text;

namespace Dashboard.Providers.Fauna.Model;

/// <summary>
/// Prefix search served by indexes. FQL indexes match terms exactly, so each user stores the first 1, 2 and 3
/// characters (Unicode scalars, never half a surrogate pair) of its email and lower-case name, each with an
/// index whose values keep the listing order. A search of up to 3 characters is one exact index range; a
/// longer one reads only the 3-character bucket and filters it, never the whole collection.
/// </summary>
internal static class SearchPrefixes
{
    public const int Levels = 3;

    /// <summary>The first <paramref name="count"/> characters, or the whole text when shorter.</summary>
    public static string Head(string text, int count)
    {
        var result = new StringBuilder();
        var taken = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (taken++ == count) break;
            result.Append(rune.ToString());
        }
        return result.ToString();
    }

    public static int Length(string text) => text.EnumerateRunes().Count();

    /// <summary>The <c>search</c> object stored in a user document.</summary>
    public static Dictionary<string, object?> For(string email, string nameKey)
    {
        var search = new Dictionary<string, object?>(Levels * 2);
        for (var level = 1; level <= Levels; level++)
        {
            search[$"email{level}"] = Head(email, level);
            search[$"name{level}"] = Head(nameKey, level);
        }
        return search;
    }
}
