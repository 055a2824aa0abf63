namespace Dashboard.Operations.Migrations;

/// <summary>
/// Sets the target's maintained order counters from its orders once the last bulk load is done (DynamoDB, see
/// <see cref="IOrderCountRecount"/>). The copy's loads moved them by what each read around its write, which misses
/// a batch that landed after its answer was lost, between the load's repair read and its retry. The target is not
/// live yet, so nothing races the recount. Backends that count on reading (SQL statistics) or recount with every
/// load (Fauna) have nothing to do.
/// </summary>
internal static class TargetCounters
{
    /// <summary>True when the target keeps such counters and they were recounted.</summary>
    public static async Task<bool> RecountAsync(MigrationRun run, CancellationToken ct)
    {
        if (DataStoreCapabilities.Find<IOrderCountRecount>(run.Target) is not { } counters) return false;
        run.Report(MigrationProgress.Note("catch-up", "recounting the target's order counters by status"));
        await run.Retry.RunRepeatableAsync(counters.RecountOrdersByStatusAsync, ct);
        return true;
    }
}
