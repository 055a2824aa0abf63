namespace Dashboard.Operations.Costs;

/// <summary>
/// One line of a tenant's estimate: a quantity in the provider's unit and what it costs in the window and
/// projected over a month. Null dollars mean "not priced" and <see cref="Note"/> says why ("rate not set").
/// Comparison lines (the other DynamoDB capacity mode) are shown but not added to the totals.
/// </summary>
public sealed record CostLine(string Item, double Quantity, string Unit, decimal? WindowUsd, decimal? MonthUsd, string Note = "", bool InTotal = true);

/// <summary>One tenant's estimate for a window.</summary>
public sealed record TenantCost(string Tenant, string ProviderKind, string Provider, IReadOnlyList<CostLine> Lines)
{
    public decimal WindowUsd => Lines.Where(l => l.InTotal).Sum(l => l.WindowUsd ?? 0);
    public decimal MonthUsd => Lines.Where(l => l.InTotal).Sum(l => l.MonthUsd ?? 0);

    /// <summary>True when some counted line has a quantity but no price: the totals are a lower bound.</summary>
    public bool HasUnpriced => Lines.Any(l => l.InTotal && l.WindowUsd is null && l.Quantity > 0);
}

/// <summary>What the calculator needs about one tenant in one window.</summary>
public sealed record CostInput(
    string Tenant,
    string ProviderKind,
    string Provider,
    TimeSpan Window,
    IReadOnlyList<double> Units,
    IReadOnlyList<double> PeakUnitsPerSecond,
    long? StorageBytes)
{
    public double Unit(UsageUnit unit) => Units[(int)unit];
    public double Peak(UsageUnit unit) => PeakUnitsPerSecond[(int)unit];
}
