namespace Dashboard.Core.Alerts;

/// <summary>One tenant's billing units (all units added up) in one whole UTC hour, starting at <paramref name="Hour"/>.</summary>
public sealed record TenantHourUnits(string Tenant, DateTimeOffset Hour, double Units);

/// <summary>
/// The units spike rule's baseline: units per tenant and hour over the last week, kept in the app store so it survives
/// restarts and every instance reads the same. The evaluator (one per fleet) adds each hour as it completes and
/// removes what is older than the week.
/// </summary>
public interface IUnitsBaselineStore
{
    /// <summary>
    /// Keeps one whole hour: each of <paramref name="tenants"/> (those registered then) with its units, 0 for a tenant
    /// missing from <paramref name="units"/>. An hour already kept is left as it is, whole: the first complete figure
    /// stands, never a mix of two rolls. Returns whether this call kept it.
    /// </summary>
    Task<bool> AddHourAsync(DateTimeOffset hour, IReadOnlyCollection<string> tenants, IReadOnlyDictionary<string, double> units, CancellationToken ct);

    /// <summary>Whether the hour starting at <paramref name="hour"/> is kept.</summary>
    Task<bool> HasHourAsync(DateTimeOffset hour, CancellationToken ct);

    /// <summary>For each kept hour of those given, every tenant it was kept for, with its units (0 included).</summary>
    Task<IReadOnlyList<TenantHourUnits>> ReadAsync(IReadOnlyCollection<DateTimeOffset> hours, CancellationToken ct);

    /// <summary>Removes the hours starting before <paramref name="before"/>; returns how many rows went.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken ct);
}
