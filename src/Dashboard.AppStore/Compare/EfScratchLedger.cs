using Dashboard.Core.Compare;

namespace Dashboard.AppStore.Compare;

/// <summary>Scratch spaces not yet removed, in the app store (table <c>compare_scratch</c>).</summary>
public sealed class EfScratchLedger(IDbContextFactory<AppStoreDbContext> contexts) : IScratchLedger
{
    public async Task RecordAsync(ScratchResource resource, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.CompareScratch.AnyAsync(r => r.Name == resource.Name, ct)) return;
        db.CompareScratch.Add(new CompareScratchRow
        {
            Name = resource.Name,
            ProviderKind = resource.ProviderKind,
            BasisTenant = resource.BasisTenant,
            RunId = resource.RunId,
            CreatedAtUnixMs = resource.CreatedAt.ToUnixTimeMilliseconds(),
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task ForgetAsync(string name, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.CompareScratch.Where(r => r.Name == name).ExecuteDeleteAsync(ct);
    }

    public async Task<IReadOnlyList<ScratchResource>> ListAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.CompareScratch.AsNoTracking().OrderBy(r => r.CreatedAtUnixMs).ToListAsync(ct);
        return rows.Select(r => new ScratchResource(r.Name, r.ProviderKind, r.BasisTenant, r.RunId, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtUnixMs))).ToList();
    }
}
