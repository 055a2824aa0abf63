using System.Globalization;
using CsvHelper;
using Dashboard.Core.Export;
using Dashboard.Operations.Compare;

namespace Dashboard.Services.Compare;

/// <summary>
/// A comparison as CSV: per provider a total row (operation empty), then a row per operation, each carrying the
/// run's parameters so rows of two runs can be put side by side. Invariant numbers; empty cells for no price.
/// </summary>
public static class CompareCsv
{
    public sealed record Row(CompareResult Run, ProviderResult Provider, OperationLatency? Operation);

    public static IReadOnlyList<Row> Rows(CompareResult run) =>
        run.Providers.SelectMany(p => p.Operations.Select(o => new Row(run, p, o)).Prepend(new Row(run, p, null))).ToList();

    private static void Number(CsvWriter w, double? value) => w.WriteField(value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "");

    private static void Money(CsvWriter w, decimal? usd) => w.WriteField(usd?.ToString("0.######", CultureInfo.InvariantCulture) ?? "");

    public static string Units(IReadOnlyDictionary<string, double> units) =>
        string.Join("; ", units.Select(u => $"{u.Key}={u.Value.ToString("0.##", CultureInfo.InvariantCulture)}"));

    public static IReadOnlyList<CsvColumn<Row>> Columns { get; } =
    [
        new("run", (w, r) => w.WriteField(r.Run.Id)),
        new("workload", (w, r) => w.WriteField(r.Run.Workload)),
        new("users", (w, r) => w.WriteField(r.Run.Users)),
        new("orders", (w, r) => w.WriteField(r.Run.Orders)),
        new("rate_per_second", (w, r) => w.WriteField(r.Run.RatePerSecond)),
        new("duration_seconds", (w, r) => Number(w, r.Run.DurationSeconds)),
        new("provider", (w, r) => w.WriteField(r.Provider.Provider)),
        new("state", (w, r) => w.WriteField(r.Provider.State)),
        new("operation", (w, r) => w.WriteField(r.Operation?.Operation ?? "")),
        new("calls", (w, r) => w.WriteField(r.Operation?.Calls ?? r.Provider.Calls)),
        new("ops_per_second", (w, r) => Number(w, r.Operation is null ? r.Provider.OpsPerSecond : null)),
        new("p50_ms", (w, r) => Number(w, r.Operation?.P50Ms)),
        new("p95_ms", (w, r) => Number(w, r.Operation?.P95Ms)),
        new("p99_ms", (w, r) => Number(w, r.Operation?.P99Ms)),
        new("throttles", (w, r) => w.WriteField(r.Operation is null ? r.Provider.Throttles.ToString(CultureInfo.InvariantCulture) : "")),
        new("units_per_1000_ops", (w, r) => w.WriteField(r.Operation is null ? Units(r.Provider.UnitsPer1000) : "")),
        new("usd_per_million_ops", (w, r) => Money(w, r.Operation is null ? r.Provider.UsdPerMillionOps : null)),
        new("usd_per_month", (w, r) => Money(w, r.Operation is null ? r.Provider.UsdPerMonth : null)),
        new("cost_note", (w, r) => w.WriteField(r.Operation is null ? r.Provider.CostNote : "")),
        new("error", (w, r) => w.WriteField(r.Operation is null ? r.Provider.Error ?? "" : "")),
    ];
}
