using Dashboard.Core.Alerts;

namespace Dashboard.AppStore.Alerts;

/// <summary>
/// Leases in the app store: one atomic upsert takes a lapsed lease or renews one's own, and never touches a lease
/// another holder still has; reading the row back says who holds it.
/// </summary>
public sealed class EfFleetLease(IDbContextFactory<AppStoreDbContext> contexts) : IFleetLease
{
    public async Task<bool> TryAcquireAsync(string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken ct)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var untilMs = (now + duration).ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO fleet_leases (name, holder, expires_at_unix_ms) VALUES ({name}, {holder}, {untilMs})
                ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expires_at_unix_ms = excluded.expires_at_unix_ms
                WHERE fleet_leases.expires_at_unix_ms <= {nowMs} OR fleet_leases.holder = excluded.holder
                """, ct);
        else
            // Assignments run in order and later ones see earlier ones: holder is ours afterwards only if we took or kept it.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO fleet_leases (name, holder, expires_at_unix_ms) VALUES ({name}, {holder}, {untilMs})
                ON DUPLICATE KEY UPDATE
                  holder = IF(expires_at_unix_ms <= {nowMs} OR holder = {holder}, {holder}, holder),
                  expires_at_unix_ms = IF(holder = {holder}, {untilMs}, expires_at_unix_ms)
                """, ct);
        var current = await db.FleetLeases.AsNoTracking().Where(l => l.Name == name).Select(l => l.Holder).SingleAsync(ct);
        return current == holder;
    }

    public async Task ReleaseAsync(string name, string holder, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.FleetLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAtUnixMs, 0L), ct);
    }
}
