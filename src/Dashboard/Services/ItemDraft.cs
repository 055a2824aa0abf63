namespace Dashboard.Services;

/// <summary>
/// One editable line of an order form. Quantity and price keep the text the person typed: text that is not a
/// number is a problem on its field (the last good number stays behind it), never a silent 0.
/// </summary>
public sealed class ItemDraft
{
    public const string LineTooLarge = "Line total is too large.";
    public const string TotalTooLarge = "The order total is too large.";

    private int _quantity = 1;
    private decimal _unitPrice;
    private string _quantityText = "1";
    private string _priceText = NumberInput.Format(0m);

    public string ProductId { get; set; } = "";
    public string ProductName { get; set; } = "";

    public int Quantity
    {
        get => _quantity;
        set => (_quantity, _quantityText, QuantityProblem) = (value, NumberInput.Format(value), null);
    }

    public decimal UnitPrice
    {
        get => _unitPrice;
        set => (_unitPrice, _priceText, PriceProblem) = (value, NumberInput.Format(value), null);
    }

    public string QuantityText
    {
        get => _quantityText;
        set => QuantityProblem = Take(value, NumberInput.TryQuantity, NumberInput.QuantityProblem, ref _quantityText, ref _quantity);
    }

    public string PriceText
    {
        get => _priceText;
        set => PriceProblem = Take(value, NumberInput.TryPrice, NumberInput.PriceProblem, ref _priceText, ref _unitPrice);
    }

    private delegate bool Parse<T>(string? text, out T value);

    /// <summary>Keeps the text as typed and takes its number when it parses; otherwise returns the field's problem.</summary>
    private static string? Take<T>(string? text, Parse<T> parse, string problem, ref string typed, ref T number)
    {
        typed = text ?? "";
        if (!parse(text, out var parsed)) return problem;
        number = parsed;
        return null;
    }

    public string? QuantityProblem { get; private set; }
    public string? PriceProblem { get; private set; }

    /// <summary>Quantity × unit price, or null when it does not fit a decimal (huge price × quantity).</summary>
    public decimal? LineTotal => ToItem().LineTotal;

    public bool HasTypingProblem => QuantityProblem is not null || PriceProblem is not null;

    public static ItemDraft From(OrderItem item) => new()
    {
        ProductId = item.ProductId, ProductName = item.ProductName, Quantity = item.Quantity, UnitPrice = item.UnitPrice,
    };

    public OrderItem ToItem() => new(ProductId, ProductName, Quantity, UnitPrice);

    /// <summary>Σ line totals, or null when a line or the sum does not fit a decimal.</summary>
    public static decimal? TotalOf(IEnumerable<ItemDraft> items)
    {
        var lines = items.Select(i => i.LineTotal).ToList();
        return lines.All(l => l is not null) && OrderAmounts.TrySum(lines.Select(l => l!.Value), out var total) ? total : null;
    }

    /// <summary>What the form refuses before asking the store, by field path ("items[0].unitPrice"); empty when nothing.</summary>
    public static IReadOnlyDictionary<string, string[]> ProblemsOf(IReadOnlyList<ItemDraft> items)
    {
        var problems = new Dictionary<string, string[]>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.QuantityProblem is { } quantity) problems[$"items[{i}].quantity"] = [quantity];
            if (item.PriceProblem is { } price) problems[$"items[{i}].unitPrice"] = [price];
            if (!item.HasTypingProblem && item.LineTotal is null) problems[$"items[{i}].lineTotal"] = [LineTooLarge];
        }
        if (problems.Count == 0 && TotalOf(items) is null) problems["total"] = [TotalTooLarge];
        return problems;
    }
}
