using Dashboard.Core.Audit;

namespace Dashboard.AppStore;

/// <summary>The audit log in the app store: appends rows, reads newest first with keyset paging on the id.</summary>
public sealed class EfAuditLog(IDbContextFactory<AppStoreDbContext> contexts) : IAuditLog
{
    public async Task<AuditEntry> AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = new AuditRow
        {
            AtUnixMs = entry.At.ToUnixTimeMilliseconds(),
            ActorId = entry.ActorId,
            ActorName = entry.ActorName,
            Tenant = entry.Tenant,
            Entity = entry.Entity,
            EntityId = entry.EntityId,
            Action = entry.Action.ToString(),
            Before = entry.Before,
            After = entry.After,
        };
        db.AuditEntries.Add(row);
        await db.SaveChangesAsync(ct);
        return ToEntry(row);
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct)
    {
        var size = Math.Clamp(query.Size, 1, AuditQuery.MaxSize);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Tenant)) rows = rows.Where(r => r.Tenant == query.Tenant);
        if (!string.IsNullOrWhiteSpace(query.Actor)) rows = rows.Where(r => r.ActorId == query.Actor.Trim().ToLowerInvariant());
        if (!string.IsNullOrWhiteSpace(query.Entity)) rows = rows.Where(r => r.Entity == query.Entity);
        if (!string.IsNullOrWhiteSpace(query.EntityId)) rows = rows.Where(r => r.EntityId == query.EntityId);
        if (query.From is { } from)
        {
            var ms = from.ToUnixTimeMilliseconds();
            rows = rows.Where(r => r.AtUnixMs >= ms);
        }
        if (query.To is { } to)
        {
            var ms = to.ToUnixTimeMilliseconds();
            rows = rows.Where(r => r.AtUnixMs < ms);
        }
        if (query.BeforeId is { } before) rows = rows.Where(r => r.Id < before);
        var found = await rows.OrderByDescending(r => r.Id).Take(size + 1).ToListAsync(ct);
        var entries = found.Take(size).Select(ToEntry).ToList();
        return new AuditPage(entries, found.Count > size ? entries[^1].Id : null);
    }

    private static AuditEntry ToEntry(AuditRow r) => new(
        r.Id, DateTimeOffset.FromUnixTimeMilliseconds(r.AtUnixMs), r.ActorId, r.ActorName, r.Tenant, r.Entity, r.EntityId,
        Enum.Parse<AuditAction>(r.Action), r.Before, r.After);
}
