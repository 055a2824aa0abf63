using System.Text.RegularExpressions;

namespace Dashboard.Core.Validation;

/// <summary>
/// Validation of order input and the total, computed here from the items and never taken from the client.
/// Limits match a decimal(10,2) column.
/// </summary>
public static partial class OrderRules
{
    public const int MinItems = 1;
    public const int MaxItems = 50;
    public const int MinQuantity = 1;
    public const int MaxQuantity = 1000;
    public const decimal MaxAmount = 99_999_999.99m;
    public const int ProductIdMax = 64;
    public const int ProductNameMax = 200;

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyShape();

    /// <summary>Checks the items and returns them cleaned; adds every problem to <paramref name="errors"/>.</summary>
    public static IReadOnlyList<OrderItem> CheckItems(ValidationErrors errors, IReadOnlyList<OrderItem>? items)
    {
        if (items is null || items.Count < MinItems)
        {
            errors.Add("items", $"An order needs at least {MinItems} item.");
            return [];
        }
        if (items.Count > MaxItems)
        {
            errors.Add("items", $"An order can have at most {MaxItems} items (it has {items.Count}).");
            return [];
        }
        var cleaned = new List<OrderItem>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"items[{i}]";
            if (items[i] is not { } item)
            {
                errors.Add(at, "This item is empty.");
                continue;
            }
            var productId = TextRules.Clean(item.ProductId ?? "");
            var productName = TextRules.Clean(item.ProductName ?? "");
            TextRules.Check(errors, $"{at}.productId", productId, "Product id", ProductIdMax);
            TextRules.CheckVisible(errors, $"{at}.productId", productId, "Product id");
            TextRules.Check(errors, $"{at}.productName", productName, "Product name", ProductNameMax);
            if (item.Quantity is < MinQuantity or > MaxQuantity)
                errors.Add($"{at}.quantity", $"Quantity must be between {MinQuantity} and {MaxQuantity}.");
            if (item.UnitPrice < 0)
                errors.Add($"{at}.unitPrice", "Unit price cannot be negative.");
            else if (item.UnitPrice != decimal.Round(item.UnitPrice, 2))
                errors.Add($"{at}.unitPrice", "Unit price can have at most 2 decimals.");
            else if (item.UnitPrice > MaxAmount)
                errors.Add($"{at}.unitPrice", $"Unit price must be at most {MaxAmount:N2}.");
            if (item.LineTotal is null)
                errors.Add(at, "Line total is too large.");
            cleaned.Add(item with { ProductId = productId, ProductName = productName, UnitPrice = decimal.Round(item.UnitPrice, 2) });
        }
        return cleaned;
    }

    /// <summary>
    /// Σ quantity × unit price, rounded to cents; refused when it would not fit the column. Never throws: a line
    /// or a sum too large for a decimal is a message on "items" (the line itself is named by <see cref="CheckItems"/>).
    /// </summary>
    public static decimal Total(ValidationErrors errors, IReadOnlyList<OrderItem> items)
    {
        var lines = items.Select(i => i.LineTotal).ToList();
        if (lines.Any(l => l is null) || !OrderAmounts.TrySum(lines.Select(l => l!.Value), out var total))
        {
            errors.Add("items", $"The order total is too large: it exceeds the maximum of {MaxAmount:N2}.");
            return 0;
        }
        if (total > MaxAmount) errors.Add("items", $"The order total {total:N2} exceeds the maximum of {MaxAmount:N2}.");
        return decimal.Round(total, 2);
    }

    public static string CheckCurrency(ValidationErrors errors, string? currency)
    {
        var clean = (currency ?? "").Trim().ToUpperInvariant();
        if (!CurrencyShape().IsMatch(clean)) errors.Add("currency", "Currency must be a 3-letter ISO code such as USD.");
        return clean;
    }

    /// <summary>Refuses a status move or an item edit the life cycle does not allow.</summary>
    public static void CheckChange(ValidationErrors errors, Order current, OrderChanges changes)
    {
        if (!OrderStatusRules.CanMove(current.Status, changes.Status))
        {
            var allowed = OrderStatusRules.AllowedNext(current.Status);
            var options = allowed.Count == 0 ? "none: it is final" : string.Join(" or ", allowed);
            errors.Add("status", $"An order cannot go from {current.Status} to {changes.Status} (allowed: {options}).");
        }
        if (!OrderStatusRules.ItemsEditable(current.Status) && !SameItems(current.Items, changes.Items))
            errors.Add("items", $"Items cannot change once an order is {current.Status}.");
    }

    private static bool SameItems(IReadOnlyList<OrderItem> a, IReadOnlyList<OrderItem>? b) =>
        b is not null && a.SequenceEqual(b);
}
