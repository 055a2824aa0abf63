using System.Reflection;

namespace Dashboard.Operations.Costs;

/// <summary>
/// Fails start-up when the price sheet holds a negative amount or a billing mode that does not exist. (A price that
/// is not a number already fails when the section is bound, naming its key, which start-up validation brings forward.)
/// </summary>
public sealed class PricingOptionsValidator : IValidateOptions<PricingOptions>
{
    public ValidateOptionsResult Validate(string? name, PricingOptions o)
    {
        var failures = new List<string>();
        CheckSheet(failures, "DynamoDb", o.DynamoDb);
        CheckSheet(failures, StoreProducts.PlanetScale, o.PlanetScale);
        CheckSheet(failures, StoreProducts.Fauna, o.Fauna);
        foreach (var (tenant, usd) in o.PlanetScale.ClusterMonthlyUsd)
            NotNegative(failures, $"PlanetScale:ClusterMonthlyUsd:{tenant}", usd);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every price, free allowance and mode on one provider's sheet, found by type so a new price is checked too.</summary>
    private static void CheckSheet(List<string> failures, string provider, object sheet)
    {
        foreach (var property in sheet.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = $"{provider}:{property.Name}";
            switch (property.GetValue(sheet))
            {
                case Price { Usd: { } usd }:
                    NotNegative(failures, $"{key}:Usd", usd);
                    break;
                case decimal amount:
                    NotNegative(failures, key, amount);
                    break;
                case Enum mode when !Enum.IsDefined(mode.GetType(), mode):
                    failures.Add($"{PricingOptions.Section}:{key} '{mode}' is not known ({string.Join(" or ", Enum.GetNames(mode.GetType()))}).");
                    break;
            }
        }
    }

    private static void NotNegative(List<string> failures, string key, decimal usd)
    {
        if (usd < 0) failures.Add($"{PricingOptions.Section}:{key} must not be negative (it is {usd}).");
    }
}
