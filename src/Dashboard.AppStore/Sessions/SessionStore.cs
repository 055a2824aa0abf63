using System.Text.Json;

namespace Dashboard.AppStore.Sessions;

/// <summary>Sign-in sessions in the app store, shared by every instance of the dashboard.</summary>
public sealed class SessionStore(IDbContextFactory<AppStoreDbContext> contexts)
{
    public async Task CreateAsync(SessionRecord session, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Sessions.Add(ToRow(session));
        await db.SaveChangesAsync(ct);
    }

    public async Task<SessionRecord?> FindAsync(string id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        return row is null ? null : ToRecord(row);
    }

    /// <summary>Records activity (idle timeout); callers do it at most every few minutes per session.</summary>
    public async Task TouchAsync(string id, DateTimeOffset at, CancellationToken ct)
    {
        var ms = at.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Sessions.Where(s => s.Id == id && s.LastSeenAtUnixMs < ms)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAtUnixMs, ms), ct);
    }

    /// <returns>The session's person when this call revoked it; null when it was unknown or already revoked.</returns>
    public async Task<string?> RevokeAsync(string id, string by, DateTimeOffset at, CancellationToken ct)
    {
        var ms = at.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var person = await db.Sessions.Where(s => s.Id == id).Select(s => s.PersonId).FirstOrDefaultAsync(ct);
        var changed = await db.Sessions.Where(s => s.Id == id && s.RevokedAtUnixMs == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAtUnixMs, ms).SetProperty(s => s.RevokedBy, by), ct);
        return changed == 1 ? person : null;
    }

    /// <summary>Revokes every session of a person; returns the ids it revoked (so caches can drop them).</summary>
    public async Task<IReadOnlyList<string>> RevokeAllAsync(string personId, string by, DateTimeOffset at, CancellationToken ct)
    {
        var ms = at.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ids = await db.Sessions.Where(s => s.PersonId == personId && s.RevokedAtUnixMs == null).Select(s => s.Id).ToListAsync(ct);
        if (ids.Count == 0) return ids;
        await db.Sessions.Where(s => ids.Contains(s.Id) && s.RevokedAtUnixMs == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAtUnixMs, ms).SetProperty(s => s.RevokedBy, by), ct);
        return ids;
    }

    /// <summary>Sessions still in force (not revoked, not past their end, active since <paramref name="idleCutoff"/>), newest first.</summary>
    public async Task<IReadOnlyList<SessionRecord>> ListActiveAsync(DateTimeOffset now, DateTimeOffset idleCutoff, string? personId, int max, CancellationToken ct)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var idleMs = idleCutoff.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = db.Sessions.AsNoTracking()
            .Where(s => s.RevokedAtUnixMs == null && s.ExpiresAtUnixMs > nowMs && s.LastSeenAtUnixMs >= idleMs);
        if (!string.IsNullOrWhiteSpace(personId))
        {
            var person = personId.Trim().ToLowerInvariant();
            rows = rows.Where(s => s.PersonId == person);
        }
        var found = await rows.OrderByDescending(s => s.CreatedAtUnixMs).Take(Math.Clamp(max, 1, 1000)).ToListAsync(ct);
        return found.Select(ToRecord).ToList();
    }

    /// <summary>Deletes sessions that are over: past their end, idle since <paramref name="idleCutoff"/>, or revoked before <paramref name="revokedBefore"/>.</summary>
    public async Task<int> DeleteEndedAsync(DateTimeOffset now, DateTimeOffset idleCutoff, DateTimeOffset revokedBefore, CancellationToken ct)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var idleMs = idleCutoff.ToUnixTimeMilliseconds();
        var revokedMs = revokedBefore.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Sessions
            .Where(s => s.ExpiresAtUnixMs <= nowMs || s.LastSeenAtUnixMs < idleMs || s.RevokedAtUnixMs < revokedMs)
            .ExecuteDeleteAsync(ct);
    }

    private static SessionRow ToRow(SessionRecord s) => new()
    {
        Id = s.Id,
        PersonId = s.PersonId,
        PersonName = Truncate(s.PersonName, 200)!,
        Role = s.Role,
        TenantsJson = JsonSerializer.Serialize(s.Tenants),
        Source = s.Source,
        SourceRolesJson = JsonSerializer.Serialize(s.SourceRoles),
        Stamp = s.Stamp,
        CreatedAtUnixMs = s.CreatedAt.ToUnixTimeMilliseconds(),
        LastSeenAtUnixMs = s.LastSeenAt.ToUnixTimeMilliseconds(),
        ExpiresAtUnixMs = s.ExpiresAt.ToUnixTimeMilliseconds(),
        RevokedAtUnixMs = s.RevokedAt?.ToUnixTimeMilliseconds(),
        RevokedBy = s.RevokedBy,
        ClientAddress = Truncate(s.ClientAddress, 64),
        UserAgent = Truncate(s.UserAgent, 200),
    };

    private static SessionRecord ToRecord(SessionRow r) => new(
        r.Id, r.PersonId, r.PersonName, r.Role, JsonSerializer.Deserialize<List<string>>(r.TenantsJson) ?? [], r.Source,
        JsonSerializer.Deserialize<List<string>>(r.SourceRolesJson) ?? [], r.Stamp,
        DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtUnixMs), DateTimeOffset.FromUnixTimeMilliseconds(r.LastSeenAtUnixMs),
        DateTimeOffset.FromUnixTimeMilliseconds(r.ExpiresAtUnixMs),
        r.RevokedAtUnixMs is { } revoked ? DateTimeOffset.FromUnixTimeMilliseconds(revoked) : null, r.RevokedBy, r.ClientAddress, r.UserAgent);

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
