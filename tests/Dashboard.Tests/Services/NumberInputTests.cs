using Dashboard.Services;

namespace Dashboard.Tests.Services;

public sealed class NumberInputTests
{
    [Theory]
    [InlineData("12.50", "12.50")]
    [InlineData(" 007.5 ", "7.5")]
    [InlineData("+3", "3")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("-0", "0")]
    [InlineData("-1.25", "-1.25")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")]
    public void A_plain_number_is_read_exactly(string typed, string expected)
    {
        Assert.True(NumberInput.TryPrice(typed, out var price));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), price);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e309")]
    [InlineData("1E2")]
    [InlineData("1,000.00")]
    [InlineData("79228162514264337593543950336")]
    [InlineData("1.00000000000000000000000000001")]
    [InlineData("0.00000000000000000000000000001")]
    [InlineData("12 50")]
    [InlineData("5-")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_refused_rather_than_rounded_or_zeroed(string? typed) =>
        Assert.False(NumberInput.TryPrice(typed, out _));

    [Theory]
    [InlineData("1", true)]
    [InlineData(" 1000 ", true)]
    [InlineData("99999999999", false)]
    [InlineData("2.0", false)]
    [InlineData("1e3", false)]
    public void A_quantity_is_a_whole_number_that_fits(string typed, bool ok) =>
        Assert.Equal(ok, NumberInput.TryQuantity(typed, out _));

    [Fact]
    public void A_line_and_a_total_too_large_for_a_decimal_are_null_not_an_exception()
    {
        var huge = new ItemDraft { Quantity = 2, UnitPrice = decimal.MaxValue };
        var half = new ItemDraft { Quantity = 1, UnitPrice = 50_000_000_000_000_000_000_000_000_000m };

        Assert.Null(huge.LineTotal);
        Assert.Null(ItemDraft.TotalOf([half, half]));
        Assert.Equal(["items[0].lineTotal"], ItemDraft.ProblemsOf([huge]).Keys);
        Assert.Equal(["total"], ItemDraft.ProblemsOf([half, half]).Keys);
    }
}
