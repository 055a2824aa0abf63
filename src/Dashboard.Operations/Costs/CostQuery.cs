using Dashboard.Core.Usage;
using Dashboard.Operations.Queries;
using Dashboard.Operations.Metering.Rolling;
using Dashboard.Core.Tenants;
using Microsoft.Extensions.Options;

namespace Dashboard.Operations.Costs;

/// <summary>Builds the cost page's model: every configured tenant's units in the window × the price sheet.</summary>
public sealed class CostQuery(RollingStore store, TenantRegistry tenants, StorageSizes storage, IOptionsMonitor<PricingOptions> pricing)
{
    public CostReport Build(OpsWindow window)
    {
        var calculator = new CostCalculator(pricing.CurrentValue);
        var read = store.Read(window.Span, 1);
        var peaks = store.PeakUnitsPerSecond(window.Span);
        var costs = new List<TenantCost>();
        foreach (var tenant in tenants.All)
        {
            var units = new double[UsageUnits.Count];
            foreach (var s in read.Series.Where(s => s.Key.Tenant == tenant.Id))
                foreach (var u in UsageUnits.All) units[(int)u] += s.Total.Units(u);
            var input = new CostInput(tenant.Id, tenant.ProviderKind, tenants.ProductNameOf(tenant), read.Window, units,
                peaks.TryGetValue(tenant.Id, out var peak) ? peak : new double[UsageUnits.Count], storage.LastKnown(tenant));
            var cost = calculator.Estimate(input);
            costs.Add(cost with { Lines = [.. cost.Lines, LiveUpdatesLine(read.Series.Where(x => x.Key.Tenant == tenant.Id && x.Key.Operation == Core.Stores.StoreOperation.LiveUpdates))] });
        }
        var providers = costs.GroupBy(c => c.Provider).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ProviderCost(g.Key, g.ToList())).ToList();
        return new CostReport(window, providers, Sheet(pricing.CurrentValue));
    }

    /// <summary>
    /// The change feeds' own reads (polls, stream events, GetRecords rounds) on a line of their own, so the cost of
    /// keeping pages live is visible; the units are already in the lines above, so it is not added to the total again.
    /// </summary>
    private static CostLine LiveUpdatesLine(IEnumerable<SeriesWindow> series)
    {
        var units = new double[UsageUnits.Count];
        foreach (var s in series)
            foreach (var u in UsageUnits.All) units[(int)u] += s.Total.Units(u);
        var used = UsageUnits.All.Where(u => units[(int)u] > 0).ToList();
        var text = used.Count == 0 ? "no live-update reads in this window" : string.Join(", ", used.Select(u => $"{units[(int)u]:N0} {UsageUnits.Label(u)}"));
        return new CostLine("Live updates", used.Sum(u => units[(int)u]), "units", null, null, $"{text}; included in the lines above", InTotal: false);
    }

    public static IReadOnlyList<PriceSheetRow> Sheet(PricingOptions p)
    {
        PriceSheetRow Row(string provider, string item, Price price) => new(provider, item, price.Usd, price.Per, price.Source, price.AsOf);
        var rows = new List<PriceSheetRow>
        {
            Row("DynamoDB", "On-demand writes", p.DynamoDb.WriteRequestUnits),
            Row("DynamoDB", "On-demand reads", p.DynamoDb.ReadRequestUnits),
            Row("DynamoDB", "Provisioned writes", p.DynamoDb.ProvisionedWcuHour),
            Row("DynamoDB", "Provisioned reads", p.DynamoDb.ProvisionedRcuHour),
            Row("DynamoDB", $"Storage (first {p.DynamoDb.FreeStorageGb:0} GB free)", p.DynamoDb.Storage),
        };
        foreach (var (tenant, usd) in p.PlanetScale.ClusterMonthlyUsd.OrderBy(c => c.Key, StringComparer.Ordinal))
            rows.Add(new PriceSheetRow("PlanetScale", $"Cluster of {tenant}", usd, "month", p.PlanetScale.ClusterSource, ""));
        rows.Add(Row("PlanetScale", $"Storage (over {p.PlanetScale.IncludedStorageGb:0} GB)", p.PlanetScale.Storage));
        rows.Add(Row("PlanetScale", "Rows read (legacy plan)", p.PlanetScale.RowsRead));
        rows.Add(Row("PlanetScale", "Rows written (legacy plan)", p.PlanetScale.RowsWritten));
        rows.Add(Row("Fauna", "Read ops", p.Fauna.ReadOps));
        rows.Add(Row("Fauna", "Write ops", p.Fauna.WriteOps));
        rows.Add(Row("Fauna", "Compute ops", p.Fauna.ComputeOps));
        rows.Add(Row("Fauna", "Storage", p.Fauna.Storage));
        return rows;
    }
}
