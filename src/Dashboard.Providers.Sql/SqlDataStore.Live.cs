using Dashboard.Core.Live;
using Dashboard.Providers.Sql.Live;

namespace Dashboard.Providers.Sql;

/// <summary>
/// The SQL change feed: no change log we can rely on across PlanetScale plans, so one poller per store (per
/// tenant per instance) reads the versions of every watched entity in one <c>WHERE id IN (...)</c> per entity
/// kind, and the newest ids of every watched listing, on one timer.
/// </summary>
public sealed partial class SqlDataStore : IChangeFeed
{
    private SqlChangePoller? _poller;

    private SqlChangePoller Poller => LazyInitializer.EnsureInitialized(ref _poller, () => new SqlChangePoller(this, PollInterval(_tenant)));

    public IAsyncEnumerable<DataChange> WatchAsync(WatchTarget target, string? after, IChangeFeedReads reads, CancellationToken ct) =>
        Poller.WatchAsync(target, after, reads, ct);

    /// <summary>
    /// Not the tenant-wide write targets: with no change log, following every update means reading every row's
    /// version each poll, which is a version scan (what a migration's catch-up falls back to anyway).
    /// </summary>
    public bool Follows(WatchKind kind) => kind is not (WatchKind.OrderWrites or WatchKind.UserWrites);

    /// <summary>How often the poller reads: <c>LivePollMs</c> (100–60000), 1 s by default.</summary>
    internal static TimeSpan PollInterval(Core.Tenants.TenantDescriptor tenant) =>
        int.TryParse(tenant.Setting("LivePollMs"), out var ms) && ms is >= 100 and <= 60_000
            ? TimeSpan.FromMilliseconds(ms)
            : TimeSpan.FromSeconds(1);

    // EF.Constant inlines the ids, so the statement is a plain IN (...) on the primary key on every dialect.
    internal Task<List<VersionRow>> OrderVersionsAsync(IReadOnlyCollection<string> ids, CancellationToken ct) => Run(db =>
        db.Orders.AsNoTracking().Where(o => EF.Constant(ids.ToList()).Contains(o.Id))
            .Select(o => new VersionRow(o.Id, o.Version)).ToListAsync(ct), ct);

    internal Task<List<VersionRow>> UserVersionsAsync(IReadOnlyCollection<string> ids, CancellationToken ct) => Run(db =>
        db.Users.AsNoTracking().Where(u => EF.Constant(ids.ToList()).Contains(u.Id))
            .Select(u => new VersionRow(u.Id, u.Version)).ToListAsync(ct), ct);

    /// <summary>The listing's entities with an id above <paramref name="after"/> (null: only the newest one), oldest first.</summary>
    internal Task<List<VersionRow>> NewestAsync(WatchTarget listing, string? after, int max, CancellationToken ct) => Run(async db =>
    {
        if (listing.Kind == WatchKind.TenantUsers)
        {
            var users = db.Users.AsNoTracking();
            return after is null
                ? await users.OrderByDescending(u => u.Id).Select(u => new VersionRow(u.Id, u.Version)).Take(1).ToListAsync(ct)
                : await users.Where(u => string.Compare(u.Id, after) > 0).OrderBy(u => u.Id)
                    .Select(u => new VersionRow(u.Id, u.Version)).Take(max).ToListAsync(ct);
        }
        var orders = db.Orders.AsNoTracking();
        if (listing.Kind == WatchKind.UserOrders) orders = orders.Where(o => o.UserId == listing.Id);
        return after is null
            ? await orders.OrderByDescending(o => o.Id).Select(o => new VersionRow(o.Id, o.Version)).Take(1).ToListAsync(ct)
            : await orders.Where(o => string.Compare(o.Id, after) > 0).OrderBy(o => o.Id)
                .Select(o => new VersionRow(o.Id, o.Version)).Take(max).ToListAsync(ct);
    }, ct);
}
