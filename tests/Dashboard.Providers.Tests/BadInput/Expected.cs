using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Dashboard.Core.Domain;
using Dashboard.Core.Validation;

namespace Dashboard.Providers.Tests.BadInput;

/// <summary>
/// What the service must store for input it accepts, restated from the rules (Core's UserRules and OrderRules), and the
/// invariants every stored entity keeps whatever input it came from.
/// </summary>
public static partial class Expected
{
    /// <summary>Trimmed, NFKC, lower-case; null when the text is not even normalisable (the service must refuse it).</summary>
    public static string? Email(string? email) => Try(() => (email ?? "").Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant().Normalize(NormalizationForm.FormKC));

    public static string? Text(string? text) => Try(() => TextSamples.Cleaned(text ?? ""));

    public static string? AvatarUrl(string? url) => string.IsNullOrWhiteSpace(url) ? null : url.Trim();

    public static string Currency(string? currency) => (currency ?? "").Trim().ToUpperInvariant();

    public static IReadOnlyList<OrderItem> Items(ItemsInput input) => input.Items!
        .Select(i => new OrderItem(Text(i!.ProductId.Value)!, Text(i.ProductName.Value)!, i.Quantity, decimal.Round(i.UnitPrice, 2)))
        .ToList();

    public static decimal Total(IEnumerable<OrderItem> items) => items.Sum(i => i.Quantity * i.UnitPrice);

    private static string? Try(Func<string> f)
    {
        try
        {
            return f();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyShape();

    /// <summary>Why a stored user breaks a rule, or null when it keeps them all.</summary>
    public static string? Violation(User u)
    {
        if (!UlidGenerator.IsValid(u.Id)) return "the id is not a ULID";
        if (Bad(u.Email, UserRules.EmailMax) is { } e) return "email " + e;
        if (u.Email.EnumerateRunes().Any(r => Rune.GetUnicodeCategory(r) == UnicodeCategory.Format || Rune.IsWhiteSpace(r))) return "the email holds a format or space character";
        if (u.Email != Email(u.Email)) return "the email is not in folded form";
        if (Bad(u.Name, UserRules.NameMax) is { } n) return "name " + n;
        if (u.AvatarUrl is not null && Bad(u.AvatarUrl, UserRules.AvatarUrlMax) is { } a) return "avatar " + a;
        return null;
    }

    /// <summary>Why a stored order breaks a rule, or null when it keeps them all.</summary>
    public static string? Violation(Order o)
    {
        if (!UlidGenerator.IsValid(o.Id) || !UlidGenerator.IsValid(o.UserId)) return "an id is not a ULID";
        if (!CurrencyShape().IsMatch(o.Currency)) return "the currency is not three capital letters";
        if (o.Items.Count is < OrderRules.MinItems or > OrderRules.MaxItems) return $"it has {o.Items.Count} items";
        foreach (var i in o.Items)
        {
            if (Bad(i.ProductId, OrderRules.ProductIdMax) is { } p) return "a product id " + p;
            if (i.ProductId.EnumerateRunes().Any(r => Rune.GetUnicodeCategory(r) == UnicodeCategory.Format)) return "a product id holds a format character";
            if (Bad(i.ProductName, OrderRules.ProductNameMax) is { } n) return "a product name " + n;
            if (!NumberSamples.QuantityValid(i.Quantity)) return $"a quantity is {i.Quantity}";
            if (!NumberSamples.UnitPriceValid(i.UnitPrice)) return $"a unit price is {i.UnitPrice}";
        }
        if (o.Total != Total(o.Items)) return $"the total {o.Total} is not the sum of the lines {Total(o.Items)}";
        if (o.Total > OrderRules.MaxAmount) return $"the total {o.Total} is over the maximum";
        return null;
    }

    private static string? Bad(string text, int max)
    {
        if (text.Length == 0 || text != text.Trim()) return "is empty or not trimmed";
        if (text.Any(c => char.IsControl(c) || TextRules.IsBidiControl(c))) return "holds a control or bidi character";
        if (Text(text) != text) return "is not NFC or holds broken Unicode";
        return TextSamples.Characters(text) > max ? $"is over {max} characters" : null;
    }
}
