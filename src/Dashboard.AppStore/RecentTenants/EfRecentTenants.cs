using Dashboard.Core.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.AppStore.RecentTenants;

/// <summary>
/// Recent tenants in the app store: durable and shared by every instance, so a person's list follows them
/// across browsers and restarts. At most <see cref="IRecentTenants.Kept"/> rows per person.
/// </summary>
public sealed class EfRecentTenants(IDbContextFactory<AppStoreDbContext> contexts, TimeProvider time) : IRecentTenants
{
    public async Task<IReadOnlyList<string>> ListAsync(string personId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.RecentTenants.AsNoTracking()
            .Where(r => r.PersonId == personId)
            .OrderByDescending(r => r.OpenedAtUnixMs).ThenBy(r => r.Tenant)
            .Take(IRecentTenants.Kept)
            .Select(r => r.Tenant)
            .ToListAsync(ct);
    }

    public async Task RememberAsync(string personId, string tenantId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Later than the person's latest even within one millisecond, so two quick switches keep their order.
        var latest = await db.RecentTenants.Where(r => r.PersonId == personId).MaxAsync(r => (long?)r.OpenedAtUnixMs, ct);
        var now = Math.Max(time.GetUtcNow().ToUnixTimeMilliseconds(), (latest ?? 0) + 1);
        // Never back in time: a tab that read "latest" before another tab's switch has an older now, and moving a row
        // back below a concurrent trim's cutoff made that trim delete it (CI kept 6 of 8).
        var updated = await db.RecentTenants.Where(r => r.PersonId == personId && r.Tenant == tenantId)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.OpenedAtUnixMs, r => r.OpenedAtUnixMs > now ? r.OpenedAtUnixMs : now), ct);
        if (updated == 0)
        {
            db.RecentTenants.Add(new RecentTenantRow { PersonId = personId, Tenant = tenantId, OpenedAtUnixMs = now });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another tab or instance recorded the same tenant at the same moment: it is recent either way.
                db.ChangeTracker.Clear();
            }
        }
        // Rows older than the person's Kept-th newest go, so the table stays bounded per person. A time cutoff, not
        // "every row but the ones I read": a tenant another tab records meanwhile is newer than the cutoff, so a
        // concurrent trim never removes it.
        var oldestKept = await db.RecentTenants.Where(r => r.PersonId == personId)
            .OrderByDescending(r => r.OpenedAtUnixMs).Skip(IRecentTenants.Kept - 1)
            .Select(r => (long?)r.OpenedAtUnixMs).FirstOrDefaultAsync(ct);
        if (oldestKept is { } cutoff)
            await db.RecentTenants.Where(r => r.PersonId == personId && r.OpenedAtUnixMs < cutoff).ExecuteDeleteAsync(ct);
    }
}
