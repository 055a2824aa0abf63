using Dashboard.Core.Usage;

namespace Dashboard.AppStore.Throttling;

/// <summary>
/// Every instance's throttle events in the app store's <c>throttle_events</c> table: appended in batches, read by
/// time (indexed), bounded by <see cref="PruneAsync"/>. Long text (a provider's message) is cut to the column.
/// </summary>
public sealed class EfThrottleEventStore(IDbContextFactory<AppStoreDbContext> contexts) : IThrottleEventStore
{
    public const int CauseLength = 200;

    public async Task AppendAsync(IReadOnlyList<ThrottleRecord> events, CancellationToken ct)
    {
        if (events.Count == 0) return;
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.ThrottleEvents.AddRange(events.Select(e => new ThrottleEventRow
        {
            AtUnixMs = e.At.ToUnixTimeMilliseconds(),
            Instance = Cut(e.Instance ?? "", 64),
            Tenant = Cut(e.Tenant, 40),
            Provider = Cut(e.Provider, 40),
            Operation = Cut(e.Operation, 40),
            Cause = Cut(e.Cause, CauseLength),
            Retried = e.Retried,
        }));
        await db.SaveChangesAsync(ct);
    }

    public async Task<ThrottleEventsRead> ReadAsync(DateTimeOffset since, string? tenant, int latest, CancellationToken ct)
    {
        var sinceMs = since.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var window = db.ThrottleEvents.AsNoTracking().Where(e => e.AtUnixMs >= sinceMs);
        if (tenant is not null) window = window.Where(e => e.Tenant == tenant);
        var rows = await window.OrderByDescending(e => e.AtUnixMs).ThenByDescending(e => e.Id).Take(latest).ToListAsync(ct);
        var causes = await window
            .GroupBy(e => new { e.Instance, e.Provider, e.Tenant, e.Operation, e.Cause })
            .Select(g => new
            {
                g.Key,
                Retried = g.Sum(e => e.Retried ? 1L : 0L),
                Surfaced = g.Sum(e => e.Retried ? 0L : 1L),
                Last = g.Max(e => e.AtUnixMs),
            })
            .ToListAsync(ct);
        return new ThrottleEventsRead(
            rows.Select(r => new ThrottleRecord(DateTimeOffset.FromUnixTimeMilliseconds(r.AtUnixMs), r.Tenant, r.Provider, r.Operation, r.Cause, r.Retried, r.Instance)).ToList(),
            causes.Select(c => new ThrottleCauseCount(c.Key.Instance, c.Key.Provider, c.Key.Tenant, c.Key.Operation, c.Key.Cause, c.Retried, c.Surfaced,
                DateTimeOffset.FromUnixTimeMilliseconds(c.Last))).ToList(),
            causes.Sum(c => c.Retried + c.Surfaced));
    }

    public async Task<int> PruneAsync(DateTimeOffset before, int keepAtMost, CancellationToken ct)
    {
        var beforeMs = before.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var removed = await db.ThrottleEvents.Where(e => e.AtUnixMs < beforeMs).ExecuteDeleteAsync(ct);
        // Past the cap, everything older than the cap-th newest event goes (its id marks the line).
        var line = await db.ThrottleEvents.OrderByDescending(e => e.Id).Skip(keepAtMost).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
        if (line is { } id) removed += await db.ThrottleEvents.Where(e => e.Id <= id).ExecuteDeleteAsync(ct);
        return removed;
    }

    private static string Cut(string value, int length) => value.Length <= length ? value : value[..length];
}
