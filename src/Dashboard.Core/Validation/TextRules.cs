using System.Globalization;
using System.Text;

namespace Dashboard.Core.Validation;

/// <summary>
/// Checks every backend needs on free text: no lone UTF-16 surrogates (MySQL and DynamoDB reject or mangle them),
/// no control characters or noncharacters, no bidirectional overrides or isolates (they make text display differently from what
/// is stored), and a length counted in characters as the columns count it.
/// </summary>
public static class TextRules
{
    /// <summary>Adds a message for <paramref name="field"/> when the text is missing, too long or malformed.</summary>
    public static void Check(ValidationErrors errors, string field, string? value, string label, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(field, $"{label} is required.");
            return;
        }
        if (!IsWellFormed(value))
        {
            errors.Add(field, $"{label} contains characters that cannot be stored (control characters or broken Unicode).");
            return;
        }
        if (IsBlank(value))
        {
            errors.Add(field, required ? $"{label} is required: it has only invisible characters." : $"{label} has only invisible characters.");
            return;
        }
        if (HasBidiControl(value))
        {
            errors.Add(field, $"{label} cannot contain bidirectional override or isolate characters (U+202A–U+202E, U+2066–U+2069): they make text read differently from how it is stored.");
            return;
        }
        var length = CharacterCount(value);
        if (length > max) errors.Add(field, $"{label} must be at most {max} characters (it has {length}).");
    }

    /// <summary>
    /// For identifiers (emails, product ids, URLs): adds a message when the text holds invisible characters, which
    /// would let two different values look the same. Run after <see cref="Check"/> accepted the text.
    /// </summary>
    public static void CheckVisible(ValidationErrors errors, string field, string? value, string label)
    {
        if (value is null || errors.Has(field) || !value.EnumerateRunes().Any(IsInvisible)) return;
        errors.Add(field, $"{label} cannot contain invisible or formatting characters (such as a zero-width space or a soft hyphen).");
    }

    /// <summary>
    /// True when the string is valid Unicode without control characters (tab and newline excluded too) and without
    /// noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF: not for interchange, and .NET cannot normalise U+FFFE).
    /// </summary>
    public static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i])) return false;
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return false;
                if (IsNoncharacter(char.ConvertToUtf32(value[i], value[i + 1]))) return false;
                i++;
            }
            else if (char.IsLowSurrogate(value[i]) || IsNoncharacter(value[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsNoncharacter(int c) => c is >= 0xFDD0 and <= 0xFDEF || (c & 0xFFFE) == 0xFFFE;

    /// <summary>True when nothing in well-formed <paramref name="value"/> would show: only spaces and invisible characters.</summary>
    public static bool IsBlank(string value) => value.EnumerateRunes().All(r => Rune.IsWhiteSpace(r) || IsInvisible(r));

    /// <summary>LRE, RLE, PDF, LRO, RLO (U+202A–U+202E) and LRI, RLI, FSI, PDI (U+2066–U+2069).</summary>
    public static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    public static bool HasBidiControl(string value) => value.Any(IsBidiControl);

    /// <summary>
    /// Format characters (Unicode category Cf: zero-width space and joiners, soft hyphen, word joiner, BOM, bidi
    /// controls, tags) and the other default-ignorable code points (variation selectors, Hangul fillers,
    /// combining grapheme joiner): all render as nothing.
    /// </summary>
    public static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format || IsDefaultIgnorable(rune.Value);

    private static bool IsDefaultIgnorable(int c) => c is
        0x00AD or 0x034F or 0x061C or (>= 0x115F and <= 0x1160) or (>= 0x17B4 and <= 0x17B5) or (>= 0x180B and <= 0x180F)
        or (>= 0x200B and <= 0x200F) or (>= 0x202A and <= 0x202E) or (>= 0x2060 and <= 0x206F) or 0x3164
        or (>= 0xFE00 and <= 0xFE0F) or 0xFEFF or 0xFFA0 or (>= 0xFFF0 and <= 0xFFF8)
        or (>= 0x1BCA0 and <= 0x1BCA3) or (>= 0x1D173 and <= 0x1D17A) or (>= 0xE0000 and <= 0xE0FFF);

    /// <summary>Characters as a database column counts them (code points, not UTF-16 units).</summary>
    public static int CharacterCount(string value) => value.EnumerateRunes().Count();

    /// <summary>Trims and normalises to NFC so equal-looking text compares equal; malformed text is left for <see cref="Check"/> to refuse.</summary>
    public static string Clean(string value)
    {
        var trimmed = value.Trim();
        return IsWellFormed(trimmed) ? trimmed.Normalize(NormalizationForm.FormC) : trimmed;
    }
}
