using Dashboard.Core.Alerts;

namespace Dashboard.AppStore.Alerts;

/// <summary>
/// The units baseline in the app store (SQLite or MySQL): one row per tenant and hour. Adding ignores a tenant-hour
/// already kept, so an evaluator that took the lease over and rolls the same hour again changes nothing.
/// </summary>
public sealed class EfUnitsBaselineStore(IDbContextFactory<AppStoreDbContext> contexts) : IUnitsBaselineStore
{
    public async Task AddAsync(IReadOnlyList<TenantHourUnits> hours, CancellationToken ct)
    {
        if (hours.Count == 0) return;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sqlite = db.Database.IsSqlite();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var h in hours)
        {
            var hour = h.Hour.ToUnixTimeMilliseconds();
            if (sqlite)
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO units_baseline (tenant, hour_start_unix_ms, units) VALUES ({h.Tenant}, {hour}, {h.Units}) ON CONFLICT(tenant, hour_start_unix_ms) DO NOTHING", ct);
            else
                await db.Database.ExecuteSqlAsync(
                    $"INSERT IGNORE INTO units_baseline (tenant, hour_start_unix_ms, units) VALUES ({h.Tenant}, {hour}, {h.Units})", ct);
        }
        await tx.CommitAsync(ct);
    }

    public async Task<bool> HasHourAsync(DateTimeOffset hour, CancellationToken ct)
    {
        var ms = hour.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.UnitsBaseline.AnyAsync(r => r.HourStartUnixMs == ms, ct);
    }

    public async Task<IReadOnlyList<TenantHourUnits>> ReadAsync(IReadOnlyCollection<DateTimeOffset> hours, CancellationToken ct)
    {
        var ms = hours.Select(h => h.ToUnixTimeMilliseconds()).ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.UnitsBaseline.AsNoTracking().Where(r => ms.Contains(r.HourStartUnixMs)).ToListAsync(ct);
        return rows.Select(r => new TenantHourUnits(r.Tenant, DateTimeOffset.FromUnixTimeMilliseconds(r.HourStartUnixMs), r.Units)).ToList();
    }

    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken ct)
    {
        var ms = before.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.UnitsBaseline.Where(r => r.HourStartUnixMs < ms).ExecuteDeleteAsync(ct);
    }
}
