using Dashboard.Core.Domain;

namespace Dashboard.Operations.Migrations;

/// <summary>How catch-up found what changed on the source during the copy.</summary>
public enum CatchUpPath
{
    /// <summary>The source's change feed, followed from before the copy: only the entities it reported were re-read.</summary>
    ChangeFeed,
    /// <summary>Both sides listed in full and compared (every backend can; a backend with no feed, or a feed lost, comes here).</summary>
    VersionScan,
}

/// <summary>Which path catch-up took, and why it scanned when it did.</summary>
public sealed record CatchUpRoute(CatchUpPath Path, string? Reason = null)
{
    public override string ToString() => Path == CatchUpPath.ChangeFeed ? "change feed" : $"version scan ({Reason})";
}

/// <summary>
/// Applies to the target what changed on the source while the copy ran. From the change feed where the source
/// followed one from before the copy (<see cref="SourceChanges"/>): each reported entity is re-read from the source
/// and from the target. Otherwise by a version scan that works on every backend: both sides are listed in full.
/// Either way entities the target lacks are bulk-loaded (users before orders), and entities whose fields differ
/// are written over the target's copy, conditional on the version read from the target, carrying the source's
/// version and timestamps. A write made on the source before a pass read it is never lost; one made after is
/// found by the next pass (or the final, read-only pass of a cut-over).
/// </summary>
internal static class CatchUp
{
    /// <summary>Passes until one applies nothing (at most <see cref="MigrationOptions.MaxCatchUpPasses"/>); a feed lost on the way hands over to the scan.</summary>
    public static async Task<(int Applied, CatchUpRoute Route)> RunAsync(MigrationRun run, SourceChanges? feed, string? whyNoFeed, CancellationToken ct)
    {
        run.Report(MigrationProgress.Note("catch-up", feed is { Lost: null } ? "from the source's change feed" : $"by a version scan: {feed?.Lost ?? whyNoFeed}"));
        var applied = 0;
        for (var pass = 0; pass < run.Options.MaxCatchUpPasses; pass++)
        {
            var changes = feed is { Lost: null } ? await FeedPassAsync(run, feed, ct) : 0;
            // A feed lost before or during the pass vouches for nothing after it: the scan finds everything.
            if (feed is null || feed.Lost is not null) changes += await PassAsync(run, ct);
            applied += changes;
            if (changes == 0) break;
        }
        var route = feed is { Lost: null } ? new CatchUpRoute(CatchUpPath.ChangeFeed) : new CatchUpRoute(CatchUpPath.VersionScan, feed?.Lost ?? whyNoFeed);
        return (applied, route);
    }

    /// <summary>One version-scan pass; returns how many entities it inserted or rewrote.</summary>
    public static async Task<int> PassAsync(MigrationRun run, CancellationToken ct)
    {
        run.Report(MigrationProgress.Note("catch-up", "version scan: comparing every user and order"));
        var source = await TenantSnapshot.ReadAsync(run.Source, run.Options.PageSize, run.Retry, ct);
        var target = await TenantSnapshot.ReadAsync(run.Target, run.Options.PageSize, run.Retry, ct);

        var newUsers = source.Users.Values.Where(u => !target.Users.ContainsKey(u.Id)).ToList();
        var newOrders = source.Orders.Values.Where(o => !target.Orders.ContainsKey(o.Id)).ToList();
        var changedUsers = source.Users.Values.Where(u => target.Users.TryGetValue(u.Id, out var copy) && Differs(u, copy)).Select(u => (u, target.Users[u.Id])).ToList();
        var changedOrders = source.Orders.Values.Where(o => target.Orders.TryGetValue(o.Id, out var copy) && Differs(o, copy)).Select(o => (o, target.Orders[o.Id])).ToList();
        var applied = await ApplyAsync(run, newUsers, newOrders, changedUsers, changedOrders, ct);
        run.Report(new MigrationProgress("catch-up", applied, applied, 0, null, $"version scan: {applied} changes applied"));
        return applied;
    }

    /// <summary>One pass over what the feed reported since the last; returns how many entities it inserted or rewrote.</summary>
    private static async Task<int> FeedPassAsync(MigrationRun run, SourceChanges feed, CancellationToken ct)
    {
        // A feed reports a commit a moment after it: wait that long, so the pass sees what was written before it began.
        await Task.Delay(run.Options.FeedSettle, run.Clock, ct);
        var (userIds, orderIds) = feed.Take();
        run.Report(MigrationProgress.Note("catch-up", $"change feed: {userIds.Count} users and {orderIds.Count} orders written during the copy"));
        var newUsers = new List<User>();
        var changedUsers = new List<(User, User)>();
        foreach (var id in userIds)
        {
            if (await run.Retry.RunRepeatableAsync(c => run.Source.GetUserAsync(id, c), ct) is not { } user) continue;
            var copy = await run.Retry.RunRepeatableAsync(c => run.Target.GetUserAsync(id, c), ct);
            if (copy is null) newUsers.Add(user);
            else if (Differs(user, copy)) changedUsers.Add((user, copy));
        }
        var newOrders = new List<Order>();
        var changedOrders = new List<(Order, Order)>();
        foreach (var id in orderIds)
        {
            if (await run.Retry.RunRepeatableAsync(c => run.Source.GetOrderAsync(id, c), ct) is not { } order) continue;
            var copy = await run.Retry.RunRepeatableAsync(c => run.Target.GetOrderAsync(id, c), ct);
            if (copy is null) newOrders.Add(order);
            else if (Differs(order, copy)) changedOrders.Add((order, copy));
        }
        // A new order's user must be on the target first (SQL's foreign key): one written before the feed took its
        // position and missed by the copy's users phase is loaded with it.
        var loading = newUsers.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var userId in newOrders.Select(o => o.UserId).Distinct().Where(u => !loading.Contains(u)))
        {
            if (await run.Retry.RunRepeatableAsync(c => run.Target.GetUserAsync(userId, c), ct) is not null) continue;
            if (await run.Retry.RunRepeatableAsync(c => run.Source.GetUserAsync(userId, c), ct) is { } owner) newUsers.Add(owner);
        }
        var applied = await ApplyAsync(run, newUsers, newOrders, changedUsers, changedOrders, ct);
        run.Report(new MigrationProgress("catch-up", applied, applied, 0, null, $"change feed: {applied} changes applied"));
        return applied;
    }

    private static async Task<int> ApplyAsync(MigrationRun run, List<User> newUsers, List<Order> newOrders, List<(User Source, User Copy)> changedUsers,
        List<(Order Source, Order Copy)> changedOrders, CancellationToken ct)
    {
        if (newUsers.Count > 0 || newOrders.Count > 0)
            await run.Retry.RunRepeatableAsync(c => run.Target.BulkLoadAsync(newUsers, newOrders, c), ct);
        foreach (var (user, copy) in changedUsers)
        {
            await run.Retry.RunAsync(c => run.Target.UpdateUserAsync(user, copy, c), ct);
        }
        foreach (var (order, copy) in changedOrders)
        {
            await run.Retry.RunAsync(c => run.Target.UpdateOrderAsync(order, copy, c), ct);
        }
        return newUsers.Count + newOrders.Count + changedUsers.Count + changedOrders.Count;
    }

    private static bool Differs(User a, User b) => EntityChecksum.Of(a) != EntityChecksum.Of(b);

    private static bool Differs(Order a, Order b) => EntityChecksum.Of(a) != EntityChecksum.Of(b);
}
