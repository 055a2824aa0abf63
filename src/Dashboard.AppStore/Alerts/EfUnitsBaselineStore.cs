using Dashboard.Core.Alerts;

namespace Dashboard.AppStore.Alerts;

/// <summary>
/// The units baseline in the app store (SQLite or MySQL). An hour is kept as a marker row, a row for each tenant with
/// units, and the tenants first counted in it (<c>units_baseline_tenants</c>): most tenants are idle in most hours, and
/// a row per tenant-hour was 1.7 million rows a week at 10,000 tenants. The marker is written first, so of two rolls
/// of one hour (an evaluator that took the lease over) the first keeps it whole and the second adds nothing.
/// </summary>
public sealed class EfUnitsBaselineStore(IDbContextFactory<AppStoreDbContext> contexts) : IUnitsBaselineStore
{
    /// <summary>The tenant column of an hour's marker row: no tenant id is empty.</summary>
    public const string HourMarker = "";

    /// <summary>Rows per INSERT statement: far below SQLite's and MySQL's parameter limits.</summary>
    private const int RowsPerStatement = 300;

    public async Task<bool> AddHourAsync(DateTimeOffset hour, IReadOnlyCollection<string> tenants, IReadOnlyDictionary<string, double> units, CancellationToken ct)
    {
        var ms = hour.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // A concurrent roll of the same hour waits here on the marker's key until this one commits, then inserts nothing.
        if (await InsertIgnoringKeptAsync(db, "units_baseline (tenant, hour_start_unix_ms, units)", [[HourMarker, ms, (double)tenants.Count]], ct) == 0)
        {
            await tx.RollbackAsync(ct);
            return false;
        }
        var known = (await db.UnitsBaselineTenants.Select(t => t.Tenant).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var distinct = tenants.Distinct(StringComparer.Ordinal).ToList();
        await InsertIgnoringKeptAsync(db, "units_baseline_tenants (tenant, since_unix_ms)",
            distinct.Where(t => !known.Contains(t)).Select(t => new object[] { t, ms }).ToList(), ct);
        await InsertIgnoringKeptAsync(db, "units_baseline (tenant, hour_start_unix_ms, units)",
            distinct.Where(t => units.GetValueOrDefault(t) != 0).Select(t => new object[] { t, ms, units[t] }).ToList(), ct);
        await tx.CommitAsync(ct);
        return true;
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
        var marked = rows.Where(r => r.Tenant == HourMarker).Select(r => r.HourStartUnixMs).ToHashSet();
        // An hour kept before markers existed has a row for every tenant, zeros included.
        var result = rows.Where(r => !marked.Contains(r.HourStartUnixMs))
            .Select(r => new TenantHourUnits(r.Tenant, DateTimeOffset.FromUnixTimeMilliseconds(r.HourStartUnixMs), r.Units)).ToList();
        if (marked.Count == 0) return result;
        var withUnits = rows.Where(r => r.Tenant != HourMarker && marked.Contains(r.HourStartUnixMs))
            .ToDictionary(r => (r.Tenant, r.HourStartUnixMs), r => r.Units);
        var tenants = await db.UnitsBaselineTenants.AsNoTracking().ToListAsync(ct);
        foreach (var h in marked)
            foreach (var t in tenants.Where(t => t.SinceUnixMs <= h))
                result.Add(new TenantHourUnits(t.Tenant, DateTimeOffset.FromUnixTimeMilliseconds(h), withUnits.GetValueOrDefault((t.Tenant, h))));
        return result;
    }

    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken ct)
    {
        var ms = before.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.UnitsBaseline.Where(r => r.HourStartUnixMs < ms).ExecuteDeleteAsync(ct);
    }

    /// <summary>Multi-row INSERTs that skip a row whose key is kept already; returns how many rows went in.</summary>
    private static async Task<int> InsertIgnoringKeptAsync(AppStoreDbContext db, string into, IReadOnlyList<object[]> rows, CancellationToken ct)
    {
        var sqlite = db.Database.IsSqlite();
        var inserted = 0;
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var width = chunk[0].Length;
            var values = string.Join(", ", chunk.Select((_, r) => "(" + string.Join(", ", Enumerable.Range(r * width, width).Select(p => $"{{{p}}}")) + ")"));
            var sql = sqlite ? $"INSERT INTO {into} VALUES {values} ON CONFLICT DO NOTHING" : $"INSERT IGNORE INTO {into} VALUES {values}";
            inserted += await db.Database.ExecuteSqlRawAsync(sql, chunk.SelectMany(r => r), ct);
        }
        return inserted;
    }
}
