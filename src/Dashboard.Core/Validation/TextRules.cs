using System.Text;

namespace Dashboard.Core.Validation;

/// <summary>
/// Checks every backend needs on free text: no lone UTF-16 surrogates (MySQL and DynamoDB reject or mangle them),
/// no control characters, and a length counted in characters as the columns count it.
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
        var length = CharacterCount(value);
        if (length > max) errors.Add(field, $"{label} must be at most {max} characters (it has {length}).");
    }

    /// <summary>True when the string is valid Unicode without control characters (tab and newline excluded too).</summary>
    public static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i])) return false;
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(value[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Characters as a database column counts them (code points, not UTF-16 units).</summary>
    public static int CharacterCount(string value) => value.EnumerateRunes().Count();

    /// <summary>Trims and normalises to NFC so equal-looking text compares equal; malformed text is left for <see cref="Check"/> to refuse.</summary>
    public static string Clean(string value)
    {
        var trimmed = value.Trim();
        return IsWellFormed(trimmed) ? trimmed.Normalize(NormalizationForm.FormC) : trimmed;
    }
}
