using Dashboard.Core.Alerts;
using Dashboard.Core.Errors;

namespace Dashboard.AppStore.Alerts;

/// <summary>
/// Ops' alert rules in the app store (SQLite or MySQL), one row. The first save inserts it (the primary key refuses a
/// second first save); later saves update it only where it still has the version the edit started from, so of two
/// saves from one version the second is a conflict, never applied over the first.
/// </summary>
public sealed class EfAlertRulesStore(IDbContextFactory<AppStoreDbContext> contexts) : IAlertRulesStore
{
    public const string Entity = "AlertRules";

    public async Task<StoredAlertRules?> LoadAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.AlertRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == AlertRulesRow.SingleId, ct);
        return row is null ? null : ToRecord(row);
    }

    public async Task<long> VersionAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.AlertRules.AsNoTracking().Where(r => r.Id == AlertRulesRow.SingleId)
            .Select(r => (long?)r.RowVersion).SingleOrDefaultAsync(ct) ?? 0;
    }

    public async Task<StoredAlertRules> SaveAsync(string json, long expectedVersion, string updatedBy, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = new AlertRulesRow { RulesJson = json, RowVersion = expectedVersion + 1, UpdatedBy = updatedBy, UpdatedAtUnixMs = now.ToUnixTimeMilliseconds() };
        if (expectedVersion == 0)
        {
            db.AlertRules.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                return ToRecord(row);
            }
            catch (DbUpdateException)
            {
                // The primary key refused it: someone saved first.
                throw new ConflictException(Entity, "rules", expectedVersion);
            }
        }
        // The write itself checks the version (no read before it), so two saves racing cannot both pass.
        var updated = await db.AlertRules.Where(r => r.Id == AlertRulesRow.SingleId && r.RowVersion == expectedVersion)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.RulesJson, row.RulesJson)
                .SetProperty(r => r.RowVersion, row.RowVersion)
                .SetProperty(r => r.UpdatedBy, row.UpdatedBy)
                .SetProperty(r => r.UpdatedAtUnixMs, row.UpdatedAtUnixMs), ct);
        if (updated != 1) throw new ConflictException(Entity, "rules", expectedVersion);
        return ToRecord(row);
    }

    private static StoredAlertRules ToRecord(AlertRulesRow r) =>
        new(r.RulesJson, r.RowVersion, r.UpdatedBy, DateTimeOffset.FromUnixTimeMilliseconds(r.UpdatedAtUnixMs));
}
