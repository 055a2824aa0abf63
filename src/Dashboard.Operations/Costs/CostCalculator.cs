namespace Dashboard.Operations.Costs;

/// <summary>
/// Units × the price sheet. A month is 730 hours (the figure AWS bills provisioned capacity and storage by);
/// "per month" projects the window's rate as if it held for a month, plus monthly fixed prices.
/// </summary>
public sealed class CostCalculator(PricingOptions prices)
{
    public const double HoursPerMonth = 730;
    private const double BytesPerGb = 1024d * 1024 * 1024;
    public const string RateNotSet = "rate not set";

    public PricingOptions Prices => prices;

    public TenantCost Estimate(CostInput input)
    {
        var lines = input.ProviderKind.ToLowerInvariant() switch
        {
            "dynamodb" => DynamoDb(input),
            "planetscale" => PlanetScale(input),
            "fauna" => Fauna(input),
            "sqlite" => Sandbox(input),
            _ => Unknown(input),
        };
        return new TenantCost(input.Tenant, input.ProviderKind, input.Provider, lines);
    }

    private static double MonthFactor(TimeSpan window) => HoursPerMonth / Math.Max(window.TotalHours, 1d / 3600);

    /// <summary>A usage line: quantity × (price per <paramref name="perUnits"/>), projected by the window's rate.</summary>
    private static CostLine Usage(string item, double quantity, string unit, Price price, double perUnits, TimeSpan window, bool inTotal = true, string note = "")
    {
        if (!price.IsSet) return new CostLine(item, quantity, unit, null, null, RateNotSet, inTotal);
        var windowUsd = (decimal)(quantity / perUnits) * price.Usd!.Value;
        return new CostLine(item, quantity, unit, windowUsd, windowUsd * (decimal)MonthFactor(window), note, inTotal);
    }

    /// <summary>A monthly line (storage, a cluster): the window's share is the month's price × window / month.</summary>
    private static CostLine Monthly(string item, double quantity, string unit, decimal? monthUsd, TimeSpan window, string note)
    {
        if (monthUsd is null) return new CostLine(item, quantity, unit, null, null, note);
        return new CostLine(item, quantity, unit, monthUsd.Value / (decimal)MonthFactor(window), monthUsd, note);
    }

    private CostLine Storage(long? bytes, Price price, decimal includedGb, string includedNote)
    {
        if (bytes is null) return new CostLine("Storage", 0, "GB", null, null, "size not reported by the backend yet");
        var gb = bytes.Value / BytesPerGb;
        var billable = Math.Max(0, (decimal)gb - includedGb);
        if (!price.IsSet) return new CostLine("Storage", gb, "GB", null, null, RateNotSet);
        var month = billable * price.Usd!.Value;
        return new CostLine("Storage", gb, "GB", null, month, includedNote);
    }

    private IReadOnlyList<CostLine> DynamoDb(CostInput input)
    {
        var p = prices.DynamoDb;
        var onDemand = p.CapacityMode == DynamoDbCapacityMode.OnDemand;
        var rcuPeak = Math.Ceiling(input.Peak(UsageUnit.ReadCapacityUnits));
        var wcuPeak = Math.Ceiling(input.Peak(UsageUnit.WriteCapacityUnits));
        var lines = new List<CostLine>
        {
            Usage("Read request units", input.Unit(UsageUnit.ReadCapacityUnits), "RRU", p.ReadRequestUnits, 1e6, input.Window, onDemand,
                onDemand ? "on-demand" : "comparison: on-demand"),
            Usage("Write request units", input.Unit(UsageUnit.WriteCapacityUnits), "WRU", p.WriteRequestUnits, 1e6, input.Window, onDemand,
                onDemand ? "on-demand; transactional writes count 2×" : "comparison: on-demand"),
            ProvisionedAtPeak(rcuPeak, wcuPeak, input.Window, p, !onDemand),
        };
        var storage = Storage(input.StorageBytes, p.Storage, p.FreeStorageGb, $"first {p.FreeStorageGb:0} GB free");
        lines.Add(storage with { WindowUsd = storage.MonthUsd / (decimal)MonthFactor(input.Window) });
        return lines;
    }

    private static CostLine ProvisionedAtPeak(double rcu, double wcu, TimeSpan window, DynamoDbPrices p, bool inTotal)
    {
        var note = (inTotal ? "provisioned" : "comparison: provisioned") + $" at this window's peak ({rcu:0} RCU/s, {wcu:0} WCU/s)";
        if (!p.ProvisionedRcuHour.IsSet || !p.ProvisionedWcuHour.IsSet)
            return new CostLine("Provisioned capacity", rcu + wcu, "RCU+WCU", null, null, RateNotSet, inTotal);
        var perHour = (decimal)rcu * p.ProvisionedRcuHour.Usd!.Value + (decimal)wcu * p.ProvisionedWcuHour.Usd!.Value;
        return new CostLine("Provisioned capacity", rcu + wcu, "RCU+WCU", perHour * (decimal)window.TotalHours, perHour * (decimal)HoursPerMonth, note, inTotal);
    }

    private IReadOnlyList<CostLine> PlanetScale(CostInput input)
    {
        var p = prices.PlanetScale;
        var read = input.Unit(UsageUnit.RowsRead);
        var written = input.Unit(UsageUnit.RowsWritten);
        var lines = new List<CostLine>();
        if (p.Model == PlanetScaleBillingModel.Cluster)
        {
            decimal? cluster = p.ClusterMonthlyUsd.TryGetValue(input.Tenant, out var usd) ? usd : null;
            lines.Add(Monthly("Cluster", 1, "cluster", cluster, input.Window,
                cluster is null ? $"cluster price not set (Pricing:PlanetScale:ClusterMonthlyUsd:{input.Tenant})" : "fixed monthly price"));
            lines.Add(new CostLine("Rows read", read, "rows", 0, 0, "included in the cluster price"));
            lines.Add(new CostLine("Rows written", written, "rows", 0, 0, "included in the cluster price"));
        }
        else
        {
            lines.Add(Usage("Rows read", read, "rows", p.RowsRead, 1e9, input.Window, note: "legacy row-based plan"));
            lines.Add(Usage("Rows written", written, "rows", p.RowsWritten, 1e6, input.Window, note: "legacy row-based plan"));
        }
        var storage = Storage(input.StorageBytes, p.Storage, p.IncludedStorageGb, $"{p.IncludedStorageGb:0} GB included");
        lines.Add(storage with { WindowUsd = storage.MonthUsd / (decimal)MonthFactor(input.Window) });
        return lines;
    }

    private IReadOnlyList<CostLine> Fauna(CostInput input)
    {
        var p = prices.Fauna;
        var lines = new List<CostLine>
        {
            Usage("Read ops", input.Unit(UsageUnit.ReadOps), "read ops", p.ReadOps, 1e6, input.Window),
            Usage("Write ops", input.Unit(UsageUnit.WriteOps), "write ops", p.WriteOps, 1e6, input.Window),
            Usage("Compute ops", input.Unit(UsageUnit.ComputeOps), "compute ops", p.ComputeOps, 1e6, input.Window),
        };
        var storage = Storage(input.StorageBytes, p.Storage, 0, "");
        lines.Add(storage with { WindowUsd = storage.MonthUsd / (decimal)MonthFactor(input.Window) });
        return lines;
    }

    private static IReadOnlyList<CostLine> Sandbox(CostInput input) =>
    [
        new("Rows read", input.Unit(UsageUnit.RowsRead), "rows", 0, 0, "embedded sandbox: no charge"),
        new("Rows written", input.Unit(UsageUnit.RowsWritten), "rows", 0, 0, "embedded sandbox: no charge"),
    ];

    private static IReadOnlyList<CostLine> Unknown(CostInput input) =>
        UsageUnits.All.Where(u => input.Unit(u) > 0)
            .Select(u => new CostLine(UsageUnits.Label(u), input.Unit(u), UsageUnits.Label(u), null, null, "no price sheet for this provider"))
            .ToList();
}
