using Dashboard.Core.Domain;

namespace Dashboard.Operations.Migrations;

/// <summary>
/// Applies to the target what changed on the source while the copy ran, by a version scan that works on every
/// backend: both sides are listed in full, entities the target lacks are bulk-loaded (users before orders), and
/// entities whose fields differ are written over the target's copy, conditional on the version read from the
/// target, carrying the source's version and timestamps. A write made on the source before the scan read it is
/// never lost; one made after is found by the next pass (or the final, read-only pass of a cut-over).
/// </summary>
internal static class CatchUp
{
    /// <summary>One pass; returns how many entities it inserted or rewrote.</summary>
    public static async Task<int> PassAsync(MigrationRun run, CancellationToken ct)
    {
        var source = await TenantSnapshot.ReadAsync(run.Source, run.Options.PageSize, run.Retry, () => run.KeepLeaseAsync(ct), ct);
        var target = await TenantSnapshot.ReadAsync(run.Target, run.Options.PageSize, run.Retry, () => run.KeepLeaseAsync(ct), ct);

        var newUsers = source.Users.Values.Where(u => !target.Users.ContainsKey(u.Id)).ToList();
        var newOrders = source.Orders.Values.Where(o => !target.Orders.ContainsKey(o.Id)).ToList();
        if (newUsers.Count > 0 || newOrders.Count > 0)
            await run.Retry.RunAsync(c => run.Target.BulkLoadAsync(newUsers, newOrders, c), ct);

        var applied = newUsers.Count + newOrders.Count;
        foreach (var (id, user) in source.Users)
        {
            if (!target.Users.TryGetValue(id, out var copy) || EntityChecksum.Of(user) == EntityChecksum.Of(copy)) continue;
            await run.Retry.RunAsync(c => run.Target.UpdateUserAsync(user, copy, c), ct);
            applied++;
            await run.KeepLeaseAsync(ct);
        }
        foreach (var (id, order) in source.Orders)
        {
            if (!target.Orders.TryGetValue(id, out var copy) || EntityChecksum.Of(order) == EntityChecksum.Of(copy)) continue;
            await run.Retry.RunAsync(c => run.Target.UpdateOrderAsync(order, copy, c), ct);
            applied++;
            await run.KeepLeaseAsync(ct);
        }
        run.Report(new MigrationProgress("catch-up", applied, applied, 0, null, $"{applied} changes applied"));
        return applied;
    }
}
