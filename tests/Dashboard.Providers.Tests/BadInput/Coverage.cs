using System.Globalization;
using System.Text;
using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Validation;

namespace Dashboard.Providers.Tests.BadInput;

/// <summary>
/// What a run actually exercised: the kinds of odd values that were stored and the kinds of refusals. A run that
/// misses one of <see cref="Required"/> generated too tamely to prove anything, so it fails.
/// </summary>
public static class Coverage
{
    public static readonly string[] Required =
    [
        "stored: name beyond the BMP", "stored: name with a format character", "stored: name with combining marks",
        "stored: name at the length limit", "stored: email folded from compatibility forms", "stored: 50 items",
        "refused: line total too large", "refused: invisible characters", "refused: bidi controls",
        "refused: control characters or broken Unicode", "refused: too long", "refused: email in use",
    ];

    public static IEnumerable<string> Of(User user, string? typedEmail)
    {
        var runes = user.Name.EnumerateRunes().ToList();
        if (runes.Any(r => !r.IsBmp)) yield return "stored: name beyond the BMP";
        if (runes.Any(r => Rune.GetUnicodeCategory(r) == UnicodeCategory.Format)) yield return "stored: name with a format character";
        if (runes.Any(r => Rune.GetUnicodeCategory(r) == UnicodeCategory.NonSpacingMark)) yield return "stored: name with combining marks";
        if (runes.Count == UserRules.NameMax) yield return "stored: name at the length limit";
        if ((typedEmail ?? "").Trim().ToLowerInvariant() != user.Email) yield return "stored: email folded from compatibility forms";
    }

    public static IEnumerable<string> Of(Order order)
    {
        if (order.Items.Count == OrderRules.MaxItems) yield return "stored: 50 items";
        if (order.Items.Any(i => i.UnitPrice == 0)) yield return "stored: a free item";
        if (order.Items.Any(i => i.Quantity == OrderRules.MaxQuantity)) yield return "stored: quantity at the limit";
        if (order.Items.Any(i => i.ProductName.EnumerateRunes().Any(r => !r.IsBmp))) yield return "stored: product name beyond the BMP";
    }

    public static IEnumerable<string> Of(ValidationException error)
    {
        var messages = error.Errors.SelectMany(e => e.Value).ToList();
        if (messages.Any(m => m.StartsWith("Line total is too large", StringComparison.Ordinal))) yield return "refused: line total too large";
        if (messages.Any(m => m.Contains("invisible", StringComparison.Ordinal))) yield return "refused: invisible characters";
        if (messages.Any(m => m.Contains("bidirectional", StringComparison.Ordinal))) yield return "refused: bidi controls";
        if (messages.Any(m => m.Contains("cannot be stored", StringComparison.Ordinal))) yield return "refused: control characters or broken Unicode";
        if (messages.Any(m => m.Contains("at most", StringComparison.Ordinal))) yield return "refused: too long";
        if (messages.Any(m => m.Contains("already", StringComparison.Ordinal) || m.Contains("in use", StringComparison.Ordinal))) yield return "refused: email in use";
    }
}
