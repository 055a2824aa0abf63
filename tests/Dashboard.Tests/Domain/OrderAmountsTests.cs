using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Validation;

namespace Dashboard.Tests.Domain;

/// <summary>Amounts too large for a decimal become validation messages, never an OverflowException.</summary>
public sealed class OrderAmountsTests
{
    private static OrderItem Item(int quantity, decimal price) => new("SKU-1", "Thing", quantity, price);

    public static TheoryData<int, decimal> Overflowing => new()
    {
        { 2, decimal.MaxValue },
        { 1000, 1e28m },
        { int.MaxValue, 1e20m },
        { int.MinValue, decimal.MaxValue },
        { -2, decimal.MinValue },
    };

    [Theory]
    [MemberData(nameof(Overflowing))]
    public void A_line_beyond_decimal_has_no_line_total(int quantity, decimal price)
    {
        Assert.False(OrderAmounts.TryMultiply(quantity, price, out _));
        Assert.Null(Item(quantity, price).LineTotal);
    }

    [Fact]
    public void A_line_within_decimal_keeps_its_exact_product() =>
        Assert.Equal(99_999_999_990m, Item(1000, 99_999_999.99m).LineTotal);

    [Theory]
    [MemberData(nameof(Overflowing))]
    public void An_overflowing_line_is_a_message_on_the_item_and_the_total(int quantity, decimal price)
    {
        var errors = new ValidationErrors();

        var items = OrderRules.CheckItems(errors, [Item(1, 1m), Item(quantity, price)]);
        OrderRules.Total(errors, items);

        var found = errors.ToDictionary();
        Assert.Equal(["Line total is too large."], found["items[1]"]);
        Assert.Contains(found["items"], m => m.Contains("too large", StringComparison.Ordinal));
        Assert.False(found.ContainsKey("items[0]"));
    }

    [Fact]
    public void Lines_that_fit_but_whose_sum_does_not_are_a_total_message()
    {
        var errors = new ValidationErrors();

        var total = OrderRules.Total(errors, [Item(1, 5e28m), Item(1, 5e28m)]);

        Assert.Equal(0m, total);
        Assert.Contains(errors.ToDictionary()["items"], m => m.Contains("too large", StringComparison.Ordinal));
    }

    [Fact]
    public void A_total_over_the_maximum_names_it_and_the_limit()
    {
        var errors = new ValidationErrors();

        var items = OrderRules.CheckItems(errors, [Item(1000, 99_999_999.99m)]);
        OrderRules.Total(errors, items);

        var message = Assert.Single(errors.ToDictionary()["items"]);
        Assert.Contains("exceeds the maximum", message);
    }

    [Fact]
    public void A_missing_item_is_a_message_on_that_item()
    {
        var errors = new ValidationErrors();

        var items = OrderRules.CheckItems(errors, [Item(1, 1m), null!]);
        OrderRules.Total(errors, items);

        Assert.Equal(["items[1]"], errors.ToDictionary().Keys);
    }

    /// <summary>Every pairing of extreme quantities and prices validates without throwing.</summary>
    [Fact]
    public void Extreme_quantities_and_prices_never_throw()
    {
        int[] quantities = [int.MinValue, -1, 0, 1, 1000, 1001, int.MaxValue];
        decimal[] prices = [decimal.MinValue, -0.01m, 0m, 0.001m, 0.01m, OrderRules.MaxAmount, OrderRules.MaxAmount + 0.01m, 1e28m, decimal.MaxValue];

        foreach (var q in quantities)
        foreach (var p in prices)
        {
            var errors = new ValidationErrors();
            var items = OrderRules.CheckItems(errors, [Item(q, p), Item(q, p)]);
            var total = OrderRules.Total(errors, items);
            var valid = q is >= 1 and <= 1000 && p is >= 0 and <= OrderRules.MaxAmount && p == decimal.Round(p, 2) && 2 * q * p <= OrderRules.MaxAmount;
            Assert.True(valid == errors.IsEmpty, $"{q} × {p}: {string.Join("; ", errors.ToDictionary().Select(e => e.Key))}");
            if (valid) Assert.Equal(2 * q * p, total);
        }
    }
}
