using Dashboard.Core.Domain;
using Dashboard.Core.Migrations;
using Dashboard.Core.Paging;

namespace Dashboard.Operations.Migrations;

/// <summary>
/// The copy: users, then orders, a page at a time from the source's listings into the target's bulk path (which
/// keeps ids, versions and timestamps, and adds only what is missing, so a page written twice after a crash is
/// no duplicate). A checkpoint after every batch of pages holds the token of the next page. Reads and bulk loads are
/// repeatable calls: one the backend did not answer in time is tried again (<see cref="MigrationRetry"/>).
/// </summary>
internal static class TenantCopier
{
    public static async Task CopyAsync(MigrationRun run, MigrationPlan plan, CancellationToken ct)
    {
        var started = run.Clock.GetTimestamp();
        var total = plan.Users + plan.Orders;
        var doneAtStart = run.Checkpoint.UsersCopied + run.Checkpoint.OrdersCopied;
        void Report(string phase)
        {
            var done = run.Checkpoint.UsersCopied + run.Checkpoint.OrdersCopied;
            var rate = MigrationProgress.Of(phase, done - doneAtStart, total - doneAtStart, run.Clock.GetElapsedTime(started));
            run.Report(rate with { Done = done, Total = Math.Max(total, done) });
        }

        var copied = new HashSet<string>(StringComparer.Ordinal);
        var resumedInOrders = run.Checkpoint.Phase == MigrationPhase.Orders;
        while (run.Checkpoint.Phase == MigrationPhase.Users)
        {
            var (users, next) = await BatchAsync(run, run.Checkpoint.UsersToken, (t, c) => run.Source.ListUsersAsync(UserQuery.All, new PageRequest(run.Options.PageSize, t), c), ct);
            if (users.Count > 0) await run.Retry.RunRepeatableAsync(c => run.Target.BulkLoadAsync(users, [], c), ct);
            copied.UnionWith(users.Select(u => u.Id));
            var cp = run.Checkpoint;
            await run.SaveAsync(cp with
            {
                UsersToken = next,
                UsersCopied = cp.UsersCopied + users.Count,
                Phase = next is not null ? MigrationPhase.Users : MigrationPhase.Orders,
            }, ct);
            // Named by the phase now under way, which a retry's note during the next load names too.
            Report(run.Checkpoint.Phase == MigrationPhase.Users ? "users" : "orders");
            if (run.Hooks.AfterPage is { } afterPage) await afterPage(run.Checkpoint, ct);
            if (run.Checkpoint.Phase == MigrationPhase.Orders && run.Hooks.AfterUsersCopied is { } afterUsers) await afterUsers(ct);
        }
        if (resumedInOrders)
            copied.UnionWith((await TenantSnapshot.ReadUsersAsync(run.Target, run.Options.PageSize, run.Retry, ct)).Keys);
        while (run.Checkpoint.Phase == MigrationPhase.Orders)
        {
            var (orders, next) = await BatchAsync(run, run.Checkpoint.OrdersToken, (t, c) => run.Source.ListTenantOrdersAsync(OrderQuery.All, new PageRequest(run.Options.PageSize, t), c), ct);
            var owners = await OwnersToCopyAsync(run, orders, copied, ct);
            if (orders.Count > 0) await run.Retry.RunRepeatableAsync(c => run.Target.BulkLoadAsync(owners, orders, c), ct);
            copied.UnionWith(owners.Select(u => u.Id));
            var cp = run.Checkpoint;
            await run.SaveAsync(cp with
            {
                OrdersToken = next,
                OrdersCopied = cp.OrdersCopied + orders.Count,
                Phase = next is not null ? MigrationPhase.Orders : MigrationPhase.CatchUp,
            }, ct);
            Report("orders");
            if (run.Hooks.AfterPage is { } afterPage) await afterPage(run.Checkpoint, ct);
        }
    }

    /// <summary>Pages from <paramref name="token"/> until a batch is full or the listing ends; the token continuing after them, or null at the end.</summary>
    private static async Task<(List<T> Items, string? Next)> BatchAsync<T>(MigrationRun run, string? token, Func<string?, CancellationToken, Task<Page<T>>> list, CancellationToken ct)
    {
        var items = new List<T>();
        var page = await PageAsync(run, token, list, ct);
        items.AddRange(page.Items);
        while (page.HasMore && items.Count < run.Options.BatchSize)
        {
            var next = page.ContinuationToken;
            page = await run.Retry.RunRepeatableAsync(c => list(next, c), ct);
            items.AddRange(page.Items);
        }
        return (items, page.ContinuationToken);
    }

    /// <summary>
    /// The users of these orders that the users phase did not copy (created on the source since), read from the
    /// source and loaded with the orders, before them: a backend whose orders reference their user (SQL's foreign
    /// key) must have the user first.
    /// </summary>
    private static async Task<List<User>> OwnersToCopyAsync(MigrationRun run, IReadOnlyList<Order> orders, HashSet<string> copied, CancellationToken ct)
    {
        var owners = new List<User>();
        foreach (var userId in orders.Select(o => o.UserId).Distinct().Where(id => !copied.Contains(id)))
            if (await run.Retry.RunRepeatableAsync(c => run.Source.GetUserAsync(userId, c), ct) is { } user)
                owners.Add(user);
        return owners;
    }

    /// <summary>
    /// A page from the checkpoint's token; a token the source no longer accepts (a cursor that expired while the
    /// run was stopped) restarts the listing from its first page, which the insert-if-absent bulk path makes safe.
    /// </summary>
    private static async Task<Page<T>> PageAsync<T>(MigrationRun run, string? token, Func<string?, CancellationToken, Task<Page<T>>> list, CancellationToken ct)
    {
        try
        {
            return await run.Retry.RunRepeatableAsync(c => list(token, c), ct);
        }
        catch (ValidationException) when (token is not null)
        {
            return await run.Retry.RunRepeatableAsync(c => list(null, c), ct);
        }
    }
}
