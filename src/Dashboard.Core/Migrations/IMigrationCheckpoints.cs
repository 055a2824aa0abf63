namespace Dashboard.Core.Migrations;

/// <summary>
/// The app store's migration rows: one checkpoint per tenant. Who may write it is decided by the fleet lease
/// <see cref="LeaseName"/> (<see cref="Alerts.IFleetLease"/>): a run renews that lease before each save, so two runs
/// of one tenant cannot both proceed, and a crashed run's lease lapses so a resume can take over.
/// </summary>
public interface IMigrationCheckpoints
{
    /// <summary>The fleet lease a run of this tenant's migration holds.</summary>
    static string LeaseName(string tenantId) => $"migration:{tenantId}";

    /// <summary>Stores the tenant's checkpoint (inserted or replaced); callers hold the tenant's migration lease.</summary>
    Task SaveAsync(MigrationCheckpoint checkpoint, CancellationToken ct);

    Task<MigrationCheckpoint?> GetAsync(string tenantId, CancellationToken ct);

    /// <summary>Every tenant's checkpoint, most recently updated first.</summary>
    Task<IReadOnlyList<MigrationCheckpoint>> ListAsync(CancellationToken ct);
}
