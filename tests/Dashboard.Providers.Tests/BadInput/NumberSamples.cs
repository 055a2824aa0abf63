using CsCheck;
using Dashboard.Core.Validation;

namespace Dashboard.Providers.Tests.BadInput;

/// <summary>Quantities and prices at and past every bound, plus ordinary values in range.</summary>
public static class NumberSamples
{
    public static readonly Gen<int> Quantity = Gen.Frequency(
        (3, Gen.OneOf(0, 1, 2, 999, 1000, 1001, -1, int.MinValue, int.MaxValue)),
        (4, Gen.Int[OrderRules.MinQuantity, OrderRules.MaxQuantity]));

    public static bool QuantityValid(int q) => q is >= OrderRules.MinQuantity and <= OrderRules.MaxQuantity;

    /// <summary>Bounds (with their scales: 5m, 5.00m and 5.000m are one value), overflowing magnitudes, and random cents.</summary>
    public static readonly Gen<decimal> UnitPrice = Gen.Frequency(
        (4, Gen.OneOf(
            0m, 0.00m, -0.00m, 0.01m, 0.001m, 1.005m, 5m, 5.000m, 19.99m, OrderRules.MaxAmount, OrderRules.MaxAmount + 0.01m,
            decimal.MaxValue, decimal.MinValue, -0.01m, 1e28m, 7.9e28m, 0.0000000000000000000000000001m, 99_999.99m)),
        (4, Gen.Int[0, 9_999_999].Select(cents => cents / 100m)));

    /// <summary>An ordinary price: whole cents up to 99,999.99.</summary>
    public static readonly Gen<decimal> OrdinaryPrice = Gen.Int[0, 9_999_999].Select(cents => cents / 100m);

    public static bool UnitPriceValid(decimal p) => p >= 0 && p <= OrderRules.MaxAmount && p == decimal.Round(p, 2);

    public static readonly Gen<long> VersionDelta = Gen.Frequency((8, 0L), (1, -1L), (1, 1L));
}
