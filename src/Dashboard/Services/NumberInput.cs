using System.Globalization;
using Dashboard.Core.Validation;

namespace Dashboard.Services;

/// <summary>
/// What a person typed into a number field, read exactly or refused. Plain notation under the invariant culture
/// only: no exponent, no group separators (so "1,50" is not silently 150), and nothing a decimal would round
/// away — "NaN", "Infinity", "1e309" and "0.0000000000000000000000000000001" are all refused, never read as 0.
/// </summary>
public static class NumberInput
{
    public const string PriceProblem = "Unit price must be a plain number such as 12.50.";
    public static readonly string QuantityProblem = $"Quantity must be a whole number from {OrderRules.MinQuantity} to {OrderRules.MaxQuantity}.";

    private const NumberStyles Plain = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign;

    public static bool TryPrice(string? text, out decimal price) =>
        decimal.TryParse(text, Plain | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out price)
        && Canonical(text!.Trim()) == Canonical(price.ToString(CultureInfo.InvariantCulture));

    public static bool TryQuantity(string? text, out int quantity) =>
        int.TryParse(text, Plain, CultureInfo.InvariantCulture, out quantity);

    public static string Format(decimal price) => price.ToString("0.00##", CultureInfo.InvariantCulture);

    public static string Format(int quantity) => quantity.ToString(CultureInfo.InvariantCulture);

    /// <summary>"-007.50" → "-7.5": the same number written the same way, to tell whether parsing kept every digit.</summary>
    private static string Canonical(string number)
    {
        var negative = number.StartsWith('-');
        var body = number.TrimStart('+', '-');
        var point = body.IndexOf('.');
        var whole = (point < 0 ? body : body[..point]).TrimStart('0');
        var fraction = point < 0 ? "" : body[(point + 1)..].TrimEnd('0');
        if (whole.Length == 0) whole = "0";
        var zero = whole == "0" && fraction.Length == 0;
        return (negative && !zero ? "-" : "") + whole + (fraction.Length > 0 ? "." + fraction : "");
    }
}
