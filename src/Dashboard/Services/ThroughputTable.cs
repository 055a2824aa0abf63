using Dashboard.Operations.Queries;

namespace Dashboard.Services;

/// <summary>One tenant's throughput row and the rows of its operations, kept together when paging.</summary>
public sealed record TenantThroughput(ThroughputRow Tenant, IReadOnlyList<ThroughputRow> Operations)
{
    public string Id => Tenant.Tenant!;
}

/// <summary>The throughput page's tables: the fleet by provider first, then the tenants, sortable by these figures.</summary>
public static class ThroughputTable
{
    public static IReadOnlyList<TenantSort<TenantThroughput>> Sorts { get; } =
    [
        new("calls", "Calls", t => t.Tenant.Calls),
        new("errors", "Error rate", t => t.Tenant.ErrorRate),
        new("throttles", "Throttles", t => t.Tenant.ThrottlesRetried + t.Tenant.ThrottlesSurfaced),
        new("p99", "p99 latency", t => t.Tenant.P99Ms ?? 0),
    ];

    public static IReadOnlyList<ThroughputRow> Providers(ThroughputReport report) =>
        report.Rows.Where(r => r.Level == RowLevel.Provider).ToList();

    public static IReadOnlyList<TenantThroughput> Tenants(ThroughputReport report)
    {
        var tenants = new List<TenantThroughput>();
        List<ThroughputRow>? operations = null;
        foreach (var row in report.Rows)
        {
            if (row.Level == RowLevel.Tenant) tenants.Add(new TenantThroughput(row, operations = []));
            else if (row.Level == RowLevel.Operation) operations?.Add(row);
        }
        return tenants;
    }

    /// <summary>
    /// A page of tenants as table rows: each tenant followed by its operations, read for these tenants only when the
    /// report left them out (<see cref="ThroughputReport.OperationsOf"/>).
    /// </summary>
    public static IReadOnlyList<ThroughputRow> Rows(ThroughputReport report, IReadOnlyList<TenantThroughput> tenants)
    {
        if (report.OperationsOf is not { } read) return tenants.SelectMany(t => t.Operations.Prepend(t.Tenant)).ToList();
        var operations = read(tenants.Select(t => t.Id).ToHashSet(StringComparer.Ordinal)).ToLookup(r => (r.Provider, r.Tenant));
        return tenants.SelectMany(t => operations[(t.Tenant.Provider, t.Id)].Prepend(t.Tenant)).ToList();
    }
}
