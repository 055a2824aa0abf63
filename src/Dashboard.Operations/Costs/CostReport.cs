namespace Dashboard.Operations.Costs;

/// <summary>The cost page's model: each tenant's estimate grouped by provider, and the price sheet used.</summary>
public sealed record CostReport(OpsWindow Window, IReadOnlyList<ProviderCost> Providers, IReadOnlyList<PriceSheetRow> PriceSheet, FiguresScope Scope)
{
    public decimal WindowUsd => Providers.Sum(p => p.WindowUsd);
    public decimal MonthUsd => Providers.Sum(p => p.MonthUsd);
    public bool HasUnpriced => Providers.Any(p => p.HasUnpriced);
}

/// <summary>A provider's tenants and their sums, added up once: a page reads them several times, over thousands of tenants.</summary>
public sealed record ProviderCost(string Provider, IReadOnlyList<TenantCost> Tenants)
{
    public decimal WindowUsd { get; } = Tenants.Sum(t => t.WindowUsd);
    public decimal MonthUsd { get; } = Tenants.Sum(t => t.MonthUsd);
    public bool HasUnpriced { get; } = Tenants.Any(t => t.HasUnpriced);
}

/// <summary>One price as shown on the page: its amount (or "rate not set"), what it is per, source and date.</summary>
public sealed record PriceSheetRow(string Provider, string Item, decimal? Usd, string Per, string Source, string AsOf);
