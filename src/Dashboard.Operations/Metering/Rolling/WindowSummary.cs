namespace Dashboard.Operations.Metering.Rolling;

/// <summary>
/// What a fleet-wide page needs from one pass over every series, at a cost that does not grow with what each tenant
/// did: each provider's totals and chart points, the chart points of every series together, and each tenant's totals
/// (no chart points, no operations). Pages read the tenants they show in detail afterwards, over the same
/// <see cref="Frame"/>.
/// </summary>
/// <param name="Providers">Each provider's totals over the window, every operation counted.</param>
/// <param name="RequestPathPoints">Each provider's chart points without schema creation and bulk loads (what the charts show).</param>
/// <param name="AllPoints">Every series' chart points together (throttles over time).</param>
/// <param name="Tenants">Each tenant's totals, by provider and tenant (a tenant moved to another provider within the window is in both).</param>
public sealed record WindowSummary(
    WindowFrame Frame,
    IReadOnlyDictionary<string, WindowStats> Providers,
    IReadOnlyDictionary<string, WindowStats?[]> RequestPathPoints,
    IReadOnlyList<WindowStats?> AllPoints,
    IReadOnlyList<TenantWindow> Tenants);

/// <summary>One tenant's totals over a window, every operation together.</summary>
public sealed record TenantWindow(string Tenant, string Provider, WindowStats Total);
