using M = Dashboard.Operations.Prometheus.FleetMetrics;

namespace Dashboard.Operations.Queries.Fleet;

/// <summary>
/// The throttling page for the whole fleet: counts by cause and instance from Prometheus (every attempt every
/// instance counted), the latest events and when each cause was last seen from the shared event list, and each
/// instance's circuits. When the list holds fewer events than were counted, the report says why; when Prometheus
/// does not answer, this instance's figures, saying so.
/// </summary>
public sealed class PrometheusThrottlingQuery(FleetQueries fleet, ThrottlingQuery local, IThrottleEventStore events, TenantCircuits circuits, InstanceName instance)
    : IThrottlingSource
{
    public Task<ThrottlingReport> BuildAsync(OpsWindow window, string? tenant, CancellationToken ct) =>
        FleetQueries.OrLocalAsync(() => FleetAsync(window, tenant, ct), why => local.Build(window, tenant, why));

    private async Task<ThrottlingReport> FleetAsync(OpsWindow window, string? tenant, CancellationToken ct)
    {
        var now = fleet.Clock.GetUtcNow();
        var (step, _) = fleet.Steps(window);
        var (start, end) = FleetQueries.Range(now, window, step);
        var selector = fleet.Selector(tenant);
        var p = fleet.Prometheus;

        var scope = fleet.ScopeAsync(now, ct);
        var byCause = p.InstantAsync(fleet.WindowIncrease(M.Throttles, selector,
            fleet.PerTenantHistograms ? $"{M.Instance},{M.Provider},{M.Tenant},{M.Operation},{M.Cause},{M.Retried}" : $"{M.Instance},{M.Provider},{M.Tenant},{M.Cause},{M.Retried}", window, now), now, ct);
        var chart = p.RangeAsync(PromQl.Increase(M.Throttles, selector, M.Retried, step), start, end, step, ct);
        var dropped = p.InstantAsync(fleet.WindowIncrease(M.ThrottleEventsDropped, fleet.Selector(), M.Instance, window, now), now, ct);
        var circuitStates = p.InstantAsync($"{M.CircuitOpen}{selector}", now, ct);
        var listed = ReadListAsync(now - window.Span, tenant, ct);
        await Task.WhenAll(scope, byCause, chart, dropped, circuitStates, listed);

        var (list, listProblem) = await listed;
        var causes = CauseRows(await byCause, list);
        long retried = causes.Sum(c => c.Retried), surfaced = causes.Sum(c => c.Surfaced);
        var lines = new List<ChartLine>
        {
            new("Retried", PointsOf(await chart, "true", start, step, window.ChartPoints)),
            new("Surfaced", PointsOf(await chart, "false", start, step, window.ChartPoints)),
        };
        var counted = retried + surfaced;
        var droppedInWindow = (long)Math.Round((await dropped).Sum(s => s.Value));
        var gap = ListGap(counted, list?.Count ?? 0, droppedInWindow, listProblem);
        return new ThrottlingReport(window, FleetQueries.Labels(window, start, step), lines, causes,
            list?.Latest ?? [], retried, surfaced, gap is null, CircuitRows(await circuitStates, tenant), await scope)
        {
            ListGap = gap,
        };
    }

    private async Task<(ThrottleEventsRead? List, string? Problem)> ReadListAsync(DateTimeOffset since, string? tenant, CancellationToken ct)
    {
        try
        {
            return (await events.ReadAsync(since, tenant, ThrottlingQuery.LatestShown, ct), null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The counts come from Prometheus and stand on their own; only the list is missing.
            return (null, e.Message);
        }
    }

    /// <summary>
    /// One row per instance, tenant (operation, with per-tenant histograms) and cause, with when the shared list last
    /// saw it. Without the operation in the counter, the row names the operations the shared list saw for it.
    /// </summary>
    private static List<ThrottleCauseRow> CauseRows(IReadOnlyList<PromSample> counts, ThrottleEventsRead? list)
    {
        var seen = (list?.Causes ?? []).ToList();
        string OperationOf(string instance, string provider, string tenant, string cause) =>
            string.Join(", ", seen.Where(c => c.Instance == instance && c.Provider == provider && c.Tenant == tenant && c.Cause == cause)
                .Select(c => c.Operation).Distinct().Order(StringComparer.Ordinal));
        DateTimeOffset? LastSeen(string instance, string provider, string tenant, string operation, string cause) =>
            seen.Where(c => c.Instance == instance && c.Provider == provider && c.Tenant == tenant && c.Cause == cause
                    && (operation == "" || c.Operation == operation))
                .Select(c => (DateTimeOffset?)c.LastSeen).Max();
        return counts
            .GroupBy(s => (Instance: s.Label(M.Instance), Provider: s.Label(M.Provider), Tenant: s.Label(M.Tenant), Operation: s.Label(M.Operation), Cause: s.Label(M.Cause)))
            .Select(g => new ThrottleCauseRow(g.Key.Provider, g.Key.Tenant,
                g.Key.Operation != "" ? g.Key.Operation : OperationOf(g.Key.Instance, g.Key.Provider, g.Key.Tenant, g.Key.Cause), g.Key.Cause,
                (long)Math.Round(g.Where(s => s.Label(M.Retried) == "true").Sum(s => s.Value)),
                (long)Math.Round(g.Where(s => s.Label(M.Retried) != "true").Sum(s => s.Value)),
                LastSeen(g.Key.Instance, g.Key.Provider, g.Key.Tenant, g.Key.Operation, g.Key.Cause), g.Key.Instance))
            .Where(r => r.Retried + r.Surfaced > 0)
            .OrderByDescending(r => r.Retried + r.Surfaced).ThenBy(r => r.Instance, StringComparer.Ordinal)
            .ToList();
    }

    private static double[] PointsOf(IReadOnlyList<PromSeries> chart, string retried, DateTimeOffset start, TimeSpan step, int points) =>
        chart.FirstOrDefault(s => s.Label(M.Retried) == retried) is { } series
            ? FleetQueries.PerPoint(series, start, step, points, Math.Round)
            : new double[points];

    /// <summary>Why the shared list holds fewer events than Prometheus counted, if it does; null when it holds them all.</summary>
    public static string? ListGap(long counted, long listed, long dropped, string? listProblem)
    {
        if (listProblem is not null) return $"The shared list of events could not be read ({listProblem}); the counts above are Prometheus's and complete.";
        if (listed >= counted) return null;
        var missing = counted - listed;
        var reasons = new List<string>();
        if (dropped > 0) reasons.Add($"{Math.Min(dropped, missing):N0} were dropped because an instance's buffer ({Metering.Fleet.ThrottleEventShipper.BufferCapacity:N0} events) was full");
        reasons.Add("the newest may still be on their way (each instance writes its events once a second)");
        return $"The list holds {listed:N0} of the {counted:N0} events counted: {string.Join("; ", reasons)}. The counts above are complete.";
    }

    /// <summary>Every instance's circuit per tenant from the exported gauge; this instance's rows add what only it knows.</summary>
    private List<CircuitRow> CircuitRows(IReadOnlyList<PromSample> states, string? tenant)
    {
        var mine = circuits.All.ToDictionary(c => c.Tenant, StringComparer.Ordinal);
        var rows = states.Select(s =>
        {
            var name = s.Label(M.Instance);
            var open = s.Value >= 1;
            if (name == instance.Value && mine.TryGetValue(s.Label(M.Tenant), out var c))
                return new CircuitRow(c.Tenant, c.Provider, c.State, c.OpenedAt, c.Rejected, c.LastProbe, name);
            return new CircuitRow(s.Label(M.Tenant), s.Label(M.Provider), open ? CircuitState.Open : CircuitState.Closed, null, 0, null, name);
        }).ToList();
        // This instance's circuits not yet scraped (just made) still show.
        rows.AddRange(mine.Values.Where(c => (tenant is null || c.Tenant == tenant) && !rows.Any(r => r.Instance == instance.Value && r.Tenant == c.Tenant))
            .Select(c => new CircuitRow(c.Tenant, c.Provider, c.State, c.OpenedAt, c.Rejected, c.LastProbe, instance.Value)));
        return rows.OrderBy(r => r.Tenant, StringComparer.Ordinal).ThenBy(r => r.Instance, StringComparer.Ordinal).ToList();
    }
}
