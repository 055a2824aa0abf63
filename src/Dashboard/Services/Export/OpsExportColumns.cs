using System.Globalization;
using CsvHelper;
using Dashboard.Core.Export;
using Dashboard.Operations.Costs;
using Dashboard.Operations.Queries;

namespace Dashboard.Services.Export;

/// <summary>What the ops exports hold: invariant numbers, empty cells where a figure does not exist (no calls, no price).</summary>
public static class OpsExportColumns
{
    private static void Number(CsvWriter w, double? value) => w.WriteField(value?.ToString("0.######", CultureInfo.InvariantCulture) ?? "");

    private static void Money(CsvWriter w, decimal? usd) => w.WriteField(usd?.ToString("0.##########", CultureInfo.InvariantCulture) ?? "");

    public static IReadOnlyList<CsvColumn<ThroughputRow>> Throughput { get; } =
    [
        new("provider", (w, r) => w.WriteField(r.Provider)),
        new("tenant", (w, r) => w.WriteField(r.Tenant)),
        new("operation", (w, r) => w.WriteField(r.Level == RowLevel.Operation ? r.Operation : "")),
        new("calls", (w, r) => w.WriteField(r.Calls)),
        new("ops_per_second", (w, r) => Number(w, r.OpsPerSecond)),
        new("p50_ms", (w, r) => Number(w, r.P50Ms)),
        new("p95_ms", (w, r) => Number(w, r.P95Ms)),
        new("p99_ms", (w, r) => Number(w, r.P99Ms)),
        new("error_rate", (w, r) => Number(w, r.ErrorRate)),
        new("conflict_rate", (w, r) => Number(w, r.ConflictRate)),
        new("throttles_retried", (w, r) => w.WriteField(r.ThrottlesRetried)),
        new("throttles_surfaced", (w, r) => w.WriteField(r.ThrottlesSurfaced)),
    ];

    public static IReadOnlyList<CsvColumn<ThrottleCauseRow>> Throttling { get; } =
    [
        new("instance", (w, r) => w.WriteField(r.Instance ?? "")),
        new("provider", (w, r) => w.WriteField(r.Provider)),
        new("tenant", (w, r) => w.WriteField(r.Tenant)),
        new("operation", (w, r) => w.WriteField(r.Operation)),
        new("cause", (w, r) => w.WriteField(r.Cause)),
        new("retried", (w, r) => w.WriteField(r.Retried)),
        new("surfaced", (w, r) => w.WriteField(r.Surfaced)),
        new("last_seen", (w, r) => w.WriteField(r.LastSeen?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? "")),
    ];

    public static IReadOnlyList<CsvColumn<(TenantCost Tenant, CostLine Line)>> Cost { get; } =
    [
        new("provider", (w, r) => w.WriteField(r.Tenant.Provider)),
        new("tenant", (w, r) => w.WriteField(r.Tenant.Tenant)),
        new("item", (w, r) => w.WriteField(r.Line.Item)),
        new("quantity", (w, r) => Number(w, r.Line.Quantity)),
        new("unit", (w, r) => w.WriteField(r.Line.Unit)),
        new("window_usd", (w, r) => Money(w, r.Line.WindowUsd)),
        new("month_usd", (w, r) => Money(w, r.Line.MonthUsd)),
        new("in_total", (w, r) => w.WriteField(r.Line.InTotal ? "yes" : "no")),
        new("note", (w, r) => w.WriteField(r.Line.Note)),
    ];
}
