using Dashboard.Core.Alerts;
using Dashboard.Core.Migrations;

namespace Dashboard.Operations.Migrations;

/// <summary>Takes a tenant's migration lease for a run or a switch and keeps it renewed until given up.</summary>
internal static class MigrationLease
{
    /// <summary>The kept lease, or null when another run holds it.</summary>
    public static async Task<FleetLeaseKeeper?> TryTakeAsync(IFleetLease leases, string tenantId, MigrationOptions options, TimeProvider clock, ILogger log,
        CancellationToken ct)
    {
        var holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        var name = IMigrationCheckpoints.LeaseName(tenantId);
        var at = clock.GetUtcNow();
        return await leases.TryAcquireAsync(name, holder, at, options.Lease, ct)
            ? FleetLeaseKeeper.Start(leases, name, holder, options.Lease, at, clock, log)
            : null;
    }
}
