namespace Dashboard.Core.Alerts;

/// <summary>One tenant's billing units (all units added up) in one whole UTC hour, starting at <paramref name="Hour"/>.</summary>
public sealed record TenantHourUnits(string Tenant, DateTimeOffset Hour, double Units);

/// <summary>
/// The units spike rule's baseline: units per tenant and hour over the last week, one row per tenant-hour, kept in the
/// app store so it survives restarts and every instance reads the same. The evaluator (one per fleet) adds each hour
/// as it completes and removes what is older than the week.
/// </summary>
public interface IUnitsBaselineStore
{
    /// <summary>Adds the hours; a tenant-hour already kept is left as it is (the first complete figure stands).</summary>
    Task AddAsync(IReadOnlyList<TenantHourUnits> hours, CancellationToken ct);

    /// <summary>Whether any tenant has a row for the hour starting at <paramref name="hour"/>.</summary>
    Task<bool> HasHourAsync(DateTimeOffset hour, CancellationToken ct);

    /// <summary>Every tenant's rows for the hours starting at the given moments.</summary>
    Task<IReadOnlyList<TenantHourUnits>> ReadAsync(IReadOnlyCollection<DateTimeOffset> hours, CancellationToken ct);

    /// <summary>Removes the rows of hours starting before <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken ct);
}
