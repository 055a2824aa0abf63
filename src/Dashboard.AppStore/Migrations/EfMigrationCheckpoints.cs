using Dashboard.Core.Migrations;

namespace Dashboard.AppStore.Migrations;

/// <summary>Migration checkpoints in the app store (table <c>migrations</c>), one row per tenant.</summary>
public sealed class EfMigrationCheckpoints(IDbContextFactory<AppStoreDbContext> contexts) : IMigrationCheckpoints
{
    public async Task SaveAsync(MigrationCheckpoint c, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Migrations.SingleOrDefaultAsync(r => r.TenantId == c.TenantId, ct);
        if (row is null) db.Migrations.Add(row = new MigrationRow { TenantId = c.TenantId });
        row.Phase = c.Phase.ToString();
        row.TargetProvider = c.TargetProvider;
        row.TargetFingerprint = c.TargetFingerprint;
        row.UsersToken = c.UsersToken;
        row.OrdersToken = c.OrdersToken;
        row.UsersCopied = c.UsersCopied;
        row.OrdersCopied = c.OrdersCopied;
        row.StartedAtUnixMs = c.StartedAt.ToUnixTimeMilliseconds();
        row.UpdatedAtUnixMs = c.UpdatedAt.ToUnixTimeMilliseconds();
        await db.SaveChangesAsync(ct);
    }

    public async Task<MigrationCheckpoint?> GetAsync(string tenantId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Migrations.AsNoTracking().SingleOrDefaultAsync(r => r.TenantId == tenantId, ct);
        return row is null ? null : ToCheckpoint(row);
    }

    public async Task<IReadOnlyList<MigrationCheckpoint>> ListAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Migrations.AsNoTracking().OrderByDescending(r => r.UpdatedAtUnixMs).ToListAsync(ct);
        return rows.Select(ToCheckpoint).OfType<MigrationCheckpoint>().ToList();
    }

    private static MigrationCheckpoint? ToCheckpoint(MigrationRow r) =>
        !Enum.TryParse<MigrationPhase>(r.Phase, out var phase) ? null
            : new MigrationCheckpoint(r.TenantId, r.TargetProvider, r.TargetFingerprint, phase, r.UsersToken, r.OrdersToken, r.UsersCopied, r.OrdersCopied,
                DateTimeOffset.FromUnixTimeMilliseconds(r.StartedAtUnixMs), DateTimeOffset.FromUnixTimeMilliseconds(r.UpdatedAtUnixMs));
}
