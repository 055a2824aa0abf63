namespace Dashboard.AppStore.Lockout;

/// <summary>
/// Failed sign-in counts and locks in the app store, so every instance sees the same lockout. A key's failures
/// count within a window; a lock ends by itself. <see cref="TrimAsync"/> keeps the table bounded.
/// </summary>
public sealed class SignInLockoutStore(IDbContextFactory<AppStoreDbContext> contexts)
{
    /// <summary>The latest lock end among <paramref name="keys"/> still in the future, if any.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(IReadOnlyCollection<string> keys, DateTimeOffset now, CancellationToken ct)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var until = await db.SignInLockouts.AsNoTracking()
            .Where(r => keys.Contains(r.Key) && r.LockedUntilUnixMs > nowMs)
            .MaxAsync(r => r.LockedUntilUnixMs, ct);
        return until is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>Counts one failure under <paramref name="key"/> (atomically, whichever instance) and returns the failures in the current window.</summary>
    public async Task<int> RecordFailureAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken ct)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var cutoff = (now - window).ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        // One upsert: a window that has run out starts again at 1. (In MySQL's ON DUPLICATE KEY UPDATE later
        // assignments see earlier ones, so window_start_unix_ms, which the failures expression reads, goes last.)
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO sign_in_lockouts (lock_key, failures, window_start_unix_ms, locked_until_unix_ms, updated_at_unix_ms)
                VALUES ({key}, 1, {nowMs}, NULL, {nowMs})
                ON CONFLICT(lock_key) DO UPDATE SET
                  failures = CASE WHEN window_start_unix_ms < {cutoff} THEN 1 ELSE failures + 1 END,
                  updated_at_unix_ms = {nowMs},
                  window_start_unix_ms = CASE WHEN window_start_unix_ms < {cutoff} THEN {nowMs} ELSE window_start_unix_ms END
                """, ct);
        else
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO sign_in_lockouts (lock_key, failures, window_start_unix_ms, locked_until_unix_ms, updated_at_unix_ms)
                VALUES ({key}, 1, {nowMs}, NULL, {nowMs})
                ON DUPLICATE KEY UPDATE
                  failures = IF(window_start_unix_ms < {cutoff}, 1, failures + 1),
                  updated_at_unix_ms = {nowMs},
                  window_start_unix_ms = IF(window_start_unix_ms < {cutoff}, {nowMs}, window_start_unix_ms)
                """, ct);
        return await db.SignInLockouts.AsNoTracking().Where(r => r.Key == key).Select(r => r.Failures).FirstOrDefaultAsync(ct);
    }

    /// <summary>Locks <paramref name="key"/> until <paramref name="until"/> and starts its count again.</summary>
    public async Task LockAsync(string key, DateTimeOffset now, DateTimeOffset until, CancellationToken ct)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var untilMs = until.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.SignInLockouts.Where(r => r.Key == key).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.LockedUntilUnixMs, untilMs)
            .SetProperty(r => r.Failures, 0)
            .SetProperty(r => r.WindowStartUnixMs, nowMs)
            .SetProperty(r => r.UpdatedAtUnixMs, nowMs), ct);
    }

    /// <summary>Forgets <paramref name="key"/>'s failures (after a successful sign-in, which a lock in force would have refused).</summary>
    public async Task ClearAsync(string key, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.SignInLockouts.Where(r => r.Key == key).ExecuteDeleteAsync(ct);
    }

    public async Task<int> CountAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.SignInLockouts.CountAsync(ct);
    }

    /// <summary>
    /// Deletes what no longer matters (count window over and no lock in force), then, above
    /// <paramref name="maxEntries"/>, the least recently touched unlocked rows. Locks in force are kept.
    /// </summary>
    /// <returns>Rows deleted.</returns>
    public async Task<int> TrimAsync(DateTimeOffset now, TimeSpan window, int maxEntries, CancellationToken ct)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var cutoff = (now - window).ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var deleted = await db.SignInLockouts
            .Where(r => r.WindowStartUnixMs < cutoff && (r.LockedUntilUnixMs == null || r.LockedUntilUnixMs <= nowMs))
            .ExecuteDeleteAsync(ct);
        var excess = await db.SignInLockouts.CountAsync(ct) - maxEntries;
        while (excess > 0)
        {
            var batch = Math.Min(excess, 1000);
            var oldest = await db.SignInLockouts.AsNoTracking()
                .Where(r => r.LockedUntilUnixMs == null || r.LockedUntilUnixMs <= nowMs)
                .OrderBy(r => r.UpdatedAtUnixMs).Select(r => r.Key).Take(batch).ToListAsync(ct);
            if (oldest.Count == 0) break;
            var removed = await db.SignInLockouts.Where(r => oldest.Contains(r.Key)).ExecuteDeleteAsync(ct);
            deleted += removed;
            excess -= removed;
            if (removed == 0) break;
        }
        return deleted;
    }
}
