namespace Dashboard.Operations.Compare;

/// <summary>
/// A provider's measured units priced by the cost page's calculator and price sheet: dollars per million
/// operations and per month if the measured rate held for a month (storage left out: a scratch tenant's size
/// says nothing about a real one). Any counted line without a price makes both "rate not set", never a guess.
/// </summary>
public static class CompareCost
{
    public sealed record Estimate(decimal? UsdPerMillionOps, decimal? UsdPerMonth, string Note);

    /// <param name="basisTenant">The configured tenant the scratch space sits beside: its per-tenant prices (a PlanetScale cluster) apply.</param>
    public static Estimate Of(CostCalculator calculator, string providerKind, string provider, string basisTenant, TimeSpan window,
        double[] units, double[] peakUnitsPerSecond, long calls)
    {
        var cost = calculator.Estimate(new CostInput(basisTenant, providerKind, provider, window, units, peakUnitsPerSecond, StorageBytes: null));
        var unpriced = cost.Lines.Where(l => l.InTotal && l.MonthUsd is null && l.Quantity > 0).Select(l => l.Item).ToList();
        if (unpriced.Count > 0)
            return new Estimate(null, null, $"{CostCalculator.RateNotSet}: {string.Join(", ", unpriced)}");
        if (calls == 0 || window <= TimeSpan.Zero) return new Estimate(null, null, "no calls measured");
        var month = cost.MonthUsd;
        var callsPerMonth = calls / window.TotalHours * CostCalculator.HoursPerMonth;
        var perMillion = month / (decimal)callsPerMonth * 1_000_000m;
        var notes = cost.Lines.Where(l => l.InTotal && l.Item != "Storage" && l.Note.Length > 0).Select(l => $"{l.Item}: {l.Note}").Distinct();
        return new Estimate(perMillion, month, string.Join("; ", notes.Prepend("storage not included")));
    }
}
