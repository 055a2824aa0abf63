using Dashboard.Core.Migrations;

namespace Dashboard.AppStore.Migrations;

/// <summary>
/// Migration checkpoints and leases in the app store (table <c>migrations</c>). Taking the lease is one atomic
/// upsert that only takes a lapsed lease; every later write is conditional on still holding it.
/// </summary>
public sealed class EfMigrationCheckpoints(IDbContextFactory<AppStoreDbContext> contexts) : IMigrationCheckpoints
{
    public async Task<MigrationLease> TryAcquireAsync(string tenantId, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken ct)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var untilMs = (now + duration).ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO migrations (tenant_id, holder, lease_until_unix_ms, phase, target_provider, target_fingerprint, users_copied, orders_copied, started_at_unix_ms, updated_at_unix_ms)
                VALUES ({tenantId}, {holder}, {untilMs}, '', '', '', 0, 0, {nowMs}, {nowMs})
                ON CONFLICT(tenant_id) DO UPDATE SET holder = excluded.holder, lease_until_unix_ms = excluded.lease_until_unix_ms
                WHERE migrations.lease_until_unix_ms <= {nowMs}
                """, ct);
        else
            // Assignments run in order: the lease moves only if it had lapsed, and its end only if the holder is now ours.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO migrations (tenant_id, holder, lease_until_unix_ms, phase, target_provider, target_fingerprint, users_copied, orders_copied, started_at_unix_ms, updated_at_unix_ms)
                VALUES ({tenantId}, {holder}, {untilMs}, '', '', '', 0, 0, {nowMs}, {nowMs})
                ON DUPLICATE KEY UPDATE
                  holder = IF(lease_until_unix_ms <= {nowMs}, {holder}, holder),
                  lease_until_unix_ms = IF(holder = {holder}, {untilMs}, lease_until_unix_ms)
                """, ct);
        var row = await db.Set<MigrationRow>().AsNoTracking().SingleAsync(r => r.TenantId == tenantId, ct);
        return new MigrationLease(row.Holder == holder, row.Holder, DateTimeOffset.FromUnixTimeMilliseconds(row.LeaseUntilUnixMs), ToCheckpoint(row));
    }

    public async Task<bool> SaveAsync(MigrationCheckpoint c, string holder, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var changed = await db.Set<MigrationRow>()
            .Where(r => r.TenantId == c.TenantId && r.Holder == holder)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.LeaseUntilUnixMs, leaseUntil.ToUnixTimeMilliseconds())
                .SetProperty(r => r.Phase, c.Phase.ToString())
                .SetProperty(r => r.TargetProvider, c.TargetProvider)
                .SetProperty(r => r.TargetFingerprint, c.TargetFingerprint)
                .SetProperty(r => r.UsersToken, c.UsersToken)
                .SetProperty(r => r.OrdersToken, c.OrdersToken)
                .SetProperty(r => r.UsersCopied, c.UsersCopied)
                .SetProperty(r => r.OrdersCopied, c.OrdersCopied)
                .SetProperty(r => r.StartedAtUnixMs, c.StartedAt.ToUnixTimeMilliseconds())
                .SetProperty(r => r.UpdatedAtUnixMs, c.UpdatedAt.ToUnixTimeMilliseconds()), ct);
        return changed == 1;
    }

    public async Task ReleaseAsync(string tenantId, string holder, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Set<MigrationRow>().Where(r => r.TenantId == tenantId && r.Holder == holder)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.LeaseUntilUnixMs, 0L), ct);
    }

    public async Task<MigrationCheckpoint?> GetAsync(string tenantId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Set<MigrationRow>().AsNoTracking().SingleOrDefaultAsync(r => r.TenantId == tenantId, ct);
        return row is null ? null : ToCheckpoint(row);
    }

    private static MigrationCheckpoint? ToCheckpoint(MigrationRow r) =>
        !Enum.TryParse<MigrationPhase>(r.Phase, out var phase) ? null
            : new MigrationCheckpoint(r.TenantId, r.TargetProvider, r.TargetFingerprint, phase, r.UsersToken, r.OrdersToken, r.UsersCopied, r.OrdersCopied,
                DateTimeOffset.FromUnixTimeMilliseconds(r.StartedAtUnixMs), DateTimeOffset.FromUnixTimeMilliseconds(r.UpdatedAtUnixMs));
}
