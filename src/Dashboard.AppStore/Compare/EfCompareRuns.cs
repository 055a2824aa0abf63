using Dashboard.Core.Compare;

namespace Dashboard.AppStore.Compare;

/// <summary>Comparisons in the app store (table <c>compare_runs</c>).</summary>
public sealed class EfCompareRuns(IDbContextFactory<AppStoreDbContext> contexts) : ICompareRuns
{
    public async Task SaveAsync(StoredCompareRun run, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.CompareRuns.Add(new CompareRunRow
        {
            Id = run.Id,
            StartedAtUnixMs = run.StartedAt.ToUnixTimeMilliseconds(),
            FinishedAtUnixMs = run.FinishedAt.ToUnixTimeMilliseconds(),
            StartedBy = run.StartedBy,
            State = run.State,
            Summary = run.Summary,
            ResultJson = run.Json,
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task<StoredCompareRun?> GetAsync(string id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.CompareRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        return row is null ? null : ToRun(row);
    }

    public async Task<IReadOnlyList<StoredCompareRun>> ListAsync(int max, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.CompareRuns.AsNoTracking().OrderByDescending(r => r.StartedAtUnixMs).Take(max).ToListAsync(ct);
        return rows.Select(ToRun).ToList();
    }

    private static StoredCompareRun ToRun(CompareRunRow r) =>
        new(r.Id, DateTimeOffset.FromUnixTimeMilliseconds(r.StartedAtUnixMs), DateTimeOffset.FromUnixTimeMilliseconds(r.FinishedAtUnixMs),
            r.StartedBy, r.State, r.Summary, r.ResultJson);
}
