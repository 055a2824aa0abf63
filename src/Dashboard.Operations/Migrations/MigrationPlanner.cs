using Dashboard.Core.Paging;

namespace Dashboard.Operations.Migrations;

/// <summary>
/// Checks the target before anything is written — it answers, its schema is created, it is empty (unless a
/// stopped run is resumed into it) — and sizes the copy from the source.
/// </summary>
internal static class MigrationPlanner
{
    public static async Task<MigrationPlan> PlanAsync(MigrationRun run, bool resuming, CancellationToken ct)
    {
        var target = run.Request.Target.ProviderKind;
        try
        {
            await run.Retry.RunAsync(run.Target.EnsureSchemaAsync, ct);
            await run.Retry.RunAsync(run.Target.PingAsync, ct);
        }
        catch (StoreException e)
        {
            throw new MigrationException($"the target ({target}) could not be reached or prepared: {e.Message}", e);
        }
        if (!resuming)
        {
            var users = await run.Retry.RunAsync(t => run.Target.ListUsersAsync(UserQuery.All, new PageRequest(1), t), ct);
            var orders = await run.Retry.RunAsync(t => run.Target.ListTenantOrdersAsync(OrderQuery.All, new PageRequest(1), t), ct);
            if (users.Items.Count > 0 || orders.Items.Count > 0)
                throw new MigrationException($"the target ({target}) is not empty: a migration only copies into an empty tenant");
        }
        var userCount = 0L;
        string? token = null;
        do
        {
            var page = await run.Retry.RunAsync(t => run.Source.ListUsersAsync(UserQuery.All, new PageRequest(run.Options.PageSize, token), t), ct);
            userCount += page.Items.Count;
            token = page.ContinuationToken;
        } while (token is not null);
        var counts = await run.Retry.RunAsync(run.Source.CountOrdersByStatusAsync, ct);
        var orderCount = counts.Total;
        var seconds = (userCount + orderCount) / run.Options.EstimatedRowsPerSecond;
        return new MigrationPlan(userCount, orderCount, TimeSpan.FromSeconds(seconds));
    }
}
