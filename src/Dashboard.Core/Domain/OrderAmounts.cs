namespace Dashboard.Core.Domain;

/// <summary>
/// Order arithmetic that cannot throw: a person can type a unit price or quantity whose product does not fit
/// a decimal (about 7.9 × 10^28), and that must become a validation message, never an OverflowException.
/// </summary>
public static class OrderAmounts
{
    /// <summary>Quantity × unit price; false when the product is outside decimal's range.</summary>
    public static bool TryMultiply(int quantity, decimal unitPrice, out decimal product)
    {
        try
        {
            product = quantity * unitPrice;
            return true;
        }
        catch (OverflowException)
        {
            product = 0;
            return false;
        }
    }

    /// <summary>The sum of <paramref name="amounts"/>; false when it leaves decimal's range.</summary>
    public static bool TrySum(IEnumerable<decimal> amounts, out decimal sum)
    {
        sum = 0;
        try
        {
            foreach (var amount in amounts) sum += amount;
            return true;
        }
        catch (OverflowException)
        {
            sum = 0;
            return false;
        }
    }
}
