namespace Dashboard.Operations.Costs;

/// <summary>Builds the cost page's model: every configured tenant's units in the window × the price sheet.</summary>
public sealed class CostQuery(RollingStore store, TenantRegistry tenants, StorageSizes storage, IOptionsMonitor<PricingOptions> pricing, InstanceName instance)
    : ICostSource
{
    public Task<CostReport> BuildAsync(OpsWindow window, CancellationToken ct) => Task.FromResult(Build(window));

    /// <summary>This instance's units in the window.</summary>
    /// <param name="problem">Why these are not fleet-wide figures although those were asked for (Prometheus down).</param>
    public CostReport Build(OpsWindow window, string? problem = null)
    {
        // One pass for every tenant's units; the change feeds' share from their own series only.
        var summary = store.Summarize(window.Span, 1);
        var units = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var t in summary.Tenants)
        {
            var tenantUnits = units.TryGetValue(t.Tenant, out var known) ? known : units[t.Tenant] = new double[UsageUnits.Count];
            foreach (var u in UsageUnits.All) tenantUnits[(int)u] += t.Total.Units(u);
        }
        var live = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var s in store.Read(summary.Frame, k => k.Operation == StoreOperation.LiveUpdates).Series)
        {
            var tenantUnits = live.TryGetValue(s.Key.Tenant, out var known) ? known : live[s.Key.Tenant] = new double[UsageUnits.Count];
            foreach (var u in UsageUnits.All) tenantUnits[(int)u] += s.Total.Units(u);
        }
        return Report(window, summary.Frame.Window, units, store.PeakUnitsPerSecond(window.Span), live, FiguresScope.ThisInstance(instance.Value, problem) with { MissingHistory = store.MissingHistory(window.Span) });
    }

    /// <summary>
    /// Storage comes from the sizes already known (<see cref="StorageSizes.Known"/>): building the report never opens a
    /// tenant's store; the page asks for the sizes of the tenants it shows.
    /// Every configured tenant's estimate from its units in the window and its peak units per second (tenant →
    /// one figure per <see cref="UsageUnit"/>; a tenant missing from either had none), whoever counted them;
    /// <paramref name="live"/> holds the share of the units the change feeds used, shown on a line of its own.
    /// </summary>
    public CostReport Report(OpsWindow window, TimeSpan span, IReadOnlyDictionary<string, double[]> units,
        IReadOnlyDictionary<string, double[]> peaks, IReadOnlyDictionary<string, double[]> live, FiguresScope scope)
    {
        var calculator = new CostCalculator(pricing.CurrentValue);
        var costs = new List<TenantCost>();
        foreach (var tenant in tenants.All)
        {
            var input = new CostInput(tenant.Id, tenant.ProviderKind, tenants.ProductNameOf(tenant), span,
                units.TryGetValue(tenant.Id, out var u) ? u : new double[UsageUnits.Count],
                peaks.TryGetValue(tenant.Id, out var peak) ? peak : new double[UsageUnits.Count], storage.Known(tenant.Id));
            var cost = calculator.Estimate(input);
            costs.Add(cost with { Lines = [.. cost.Lines, LiveUpdatesLine(live.TryGetValue(tenant.Id, out var l) ? l : new double[UsageUnits.Count])] });
        }
        var providers = costs.GroupBy(c => c.Provider).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ProviderCost(g.Key, g.ToList())).ToList();
        return new CostReport(window, providers, Sheet(pricing.CurrentValue), scope);
    }

    /// <summary>
    /// The change feeds' own reads (polls, stream events, GetRecords rounds) on a line of their own, so the cost of
    /// keeping pages live is visible; the units are already in the lines above, so it is not added to the total again.
    /// </summary>
    private static CostLine LiveUpdatesLine(double[] units)
    {
        var used = UsageUnits.All.Where(u => units[(int)u] > 0).ToList();
        var text = used.Count == 0 ? "no live-update reads in this window" : string.Join(", ", used.Select(u => $"{units[(int)u]:N0} {UsageUnits.Label(u)}"));
        return new CostLine("Live updates", used.Sum(u => units[(int)u]), "units", null, null, $"{text}; included in the lines above", InTotal: false);
    }

    public static IReadOnlyList<PriceSheetRow> Sheet(PricingOptions p)
    {
        PriceSheetRow Row(string provider, string item, Price price) => new(provider, item, price.Usd, price.Per, price.Source, price.AsOf);
        var rows = new List<PriceSheetRow>
        {
            Row(StoreProducts.DynamoDb, "On-demand writes", p.DynamoDb.WriteRequestUnits),
            Row(StoreProducts.DynamoDb, "On-demand reads", p.DynamoDb.ReadRequestUnits),
            Row(StoreProducts.DynamoDb, "Provisioned writes", p.DynamoDb.ProvisionedWcuHour),
            Row(StoreProducts.DynamoDb, "Provisioned reads", p.DynamoDb.ProvisionedRcuHour),
            Row(StoreProducts.DynamoDb, $"Storage (first {p.DynamoDb.FreeStorageGb:0} GB free)", p.DynamoDb.Storage),
        };
        foreach (var (tenant, usd) in p.PlanetScale.ClusterMonthlyUsd.OrderBy(c => c.Key, StringComparer.Ordinal))
            rows.Add(new PriceSheetRow(StoreProducts.PlanetScale, $"Cluster of {tenant}", usd, "month", p.PlanetScale.ClusterSource, ""));
        rows.Add(Row(StoreProducts.PlanetScale, $"Storage (over {p.PlanetScale.IncludedStorageGb:0} GB)", p.PlanetScale.Storage));
        rows.Add(Row(StoreProducts.PlanetScale, "Rows read (legacy plan)", p.PlanetScale.RowsRead));
        rows.Add(Row(StoreProducts.PlanetScale, "Rows written (legacy plan)", p.PlanetScale.RowsWritten));
        rows.Add(Row(StoreProducts.Fauna, "Read ops", p.Fauna.ReadOps));
        rows.Add(Row(StoreProducts.Fauna, "Write ops", p.Fauna.WriteOps));
        rows.Add(Row(StoreProducts.Fauna, "Compute ops", p.Fauna.ComputeOps));
        rows.Add(Row(StoreProducts.Fauna, "Storage", p.Fauna.Storage));
        return rows;
    }
}
