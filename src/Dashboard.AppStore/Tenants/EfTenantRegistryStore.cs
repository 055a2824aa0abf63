using System.Text.Json;
using Dashboard.Core.Errors;
using Dashboard.Core.Tenants;
using Dashboard.Core.Tenants.Registry;

namespace Dashboard.AppStore.Tenants;

/// <summary>
/// The tenant registry in the app store (SQLite or MySQL). Each write and the change-version bump commit in one
/// transaction; an update applies only where the row still has the version the edit started from, so of two
/// concurrent saves of a tenant the second is refused as a conflict, never applied over the first.
/// </summary>
public sealed class EfTenantRegistryStore(IDbContextFactory<AppStoreDbContext> contexts) : ITenantRegistryStore
{
    public async Task<long> ChangeVersionAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await VersionAsync(db, ct);
    }

    public async Task<TenantRegistrySnapshot> LoadAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // The version first: a write landing between the two reads leaves a newer list under an older version, which
        // the next poll reloads; never the reverse.
        var version = await VersionAsync(db, ct);
        var rows = await db.Tenants.AsNoTracking().ToListAsync(ct);
        var overrides = await db.TenantOverrides.AsNoTracking().ToDictionaryAsync(o => o.TenantId, StringComparer.Ordinal, ct);
        return new TenantRegistrySnapshot(rows.OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => WithOverride(ToRecord(r), overrides.GetValueOrDefault(r.Id))).ToList(), version);
    }

    public async Task<TenantRecord?> FindAsync(string id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        return row is null ? null : WithOverride(ToRecord(row), await db.TenantOverrides.AsNoTracking().SingleOrDefaultAsync(o => o.TenantId == id, ct));
    }

    public Task SetReadOnlyAsync(string id, string? reason, CancellationToken ct) =>
        ChangeOverrideAsync(id, row => row.ReadOnlyReason = reason, ct);

    public Task SetOverrideAsync(string id, TenantBackendOverride? backend, CancellationToken ct) =>
        ChangeOverrideAsync(id, row =>
        {
            row.ReadOnlyReason = null;
            row.Provider = backend?.Backend.Provider;
            row.SettingsJson = backend is null ? null : Serialize(backend.Backend.Settings);
            row.PreviousProvider = backend?.Previous.Provider;
            row.PreviousSettingsJson = backend is null ? null : Serialize(backend.Previous.Settings);
            row.RollbackUntilUnixMs = backend?.RollbackUntil.ToUnixTimeMilliseconds() ?? 0;
            row.SetBy = backend?.SetBy ?? "";
            row.SetAtUnixMs = backend?.SetAt.ToUnixTimeMilliseconds() ?? 0;
        }, ct);

    /// <summary>The tenant's override row changed (made if missing) and the change version moved, in one transaction.</summary>
    private async Task ChangeOverrideAsync(string id, Action<TenantOverrideRow> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Tenants.AnyAsync(t => t.Id == id, ct)) throw new NotFoundException("Tenant", id);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await db.TenantOverrides.SingleOrDefaultAsync(o => o.TenantId == id, ct);
        if (row is null) db.TenantOverrides.Add(row = new TenantOverrideRow { TenantId = id });
        change(row);
        await db.SaveChangesAsync(ct);
        await BumpAsync(db, ct);
        await tx.CommitAsync(ct);
    }

    private static TenantRecord WithOverride(TenantRecord record, TenantOverrideRow? o) => o is null ? record : record with
    {
        ReadOnlyReason = o.ReadOnlyReason,
        Override = o.Provider is null ? null : new TenantBackendOverride(
            new TenantBackend(o.Provider, Deserialize(o.SettingsJson)),
            new TenantBackend(o.PreviousProvider ?? "", Deserialize(o.PreviousSettingsJson)),
            DateTimeOffset.FromUnixTimeMilliseconds(o.RollbackUntilUnixMs), o.SetBy, DateTimeOffset.FromUnixTimeMilliseconds(o.SetAtUnixMs)),
    };

    private static Dictionary<string, string?> Deserialize(string? json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, string?>>(json ?? "{}") ?? [], StringComparer.OrdinalIgnoreCase);

    public async Task SeedAsync(IReadOnlyList<ConfiguredTenant> configured, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.Tenants.ToDictionaryAsync(t => t.Id, StringComparer.Ordinal, ct);
        var changed = false;
        foreach (var c in configured)
        {
            var displayName = string.IsNullOrWhiteSpace(c.Options.DisplayName) ? c.Id : c.Options.DisplayName;
            var settings = Serialize(c.Options.Settings);
            if (!stored.TryGetValue(c.Id, out var row))
            {
                db.Tenants.Add(new TenantRow
                {
                    Id = c.Id, DisplayName = displayName, Provider = c.Options.Provider, SettingsJson = settings, Pinned = c.Pinned,
                    RowVersion = 1, UpdatedBy = "configuration", UpdatedAtUnixMs = now.ToUnixTimeMilliseconds(),
                });
            }
            else if (c.Pinned && (row.DisplayName != displayName || row.Provider != c.Options.Provider || row.SettingsJson != settings || !row.Pinned || row.Disabled))
            {
                (row.DisplayName, row.Provider, row.SettingsJson, row.Pinned, row.Disabled) = (displayName, c.Options.Provider, settings, true, false);
                (row.RowVersion, row.UpdatedBy, row.UpdatedAtUnixMs) = (row.RowVersion + 1, "configuration", now.ToUnixTimeMilliseconds());
            }
            else if (!c.Pinned && row.Pinned)
            {
                (row.Pinned, row.RowVersion, row.UpdatedBy, row.UpdatedAtUnixMs) = (false, row.RowVersion + 1, "configuration", now.ToUnixTimeMilliseconds());
            }
            else continue;
            changed = true;
        }
        if (!changed)
        {
            await EnsureVersionRowAsync(db, ct);
            return;
        }
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await BumpAsync(db, ct);
            await tx.CommitAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateException or DbUpdateConcurrencyException)
        {
            // Another instance seeded the same tenants at the same moment: what it wrote comes from the same configuration.
            db.ChangeTracker.Clear();
            await EnsureVersionRowAsync(db, ct);
        }
    }

    public async Task<TenantRecord> AddAsync(TenantRecord tenant, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = ToRow(tenant with { Version = 1 });
        db.Tenants.Add(row);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await BumpAsync(db, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The primary key refused it: someone added this id first.
            throw new ValidationException("Id", $"A tenant named “{tenant.Id}” exists already.");
        }
        return ToRecord(row);
    }

    public async Task<TenantRecord> UpdateAsync(TenantRecord tenant, long expectedVersion, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = ToRow(tenant with { Version = expectedVersion + 1 });
        int updated;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // The write itself checks the version (no read before it), so two saves racing cannot both pass.
            updated = await db.Tenants.Where(t => t.Id == tenant.Id && t.RowVersion == expectedVersion)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(t => t.DisplayName, row.DisplayName)
                    .SetProperty(t => t.Provider, row.Provider)
                    .SetProperty(t => t.SettingsJson, row.SettingsJson)
                    .SetProperty(t => t.Disabled, row.Disabled)
                    .SetProperty(t => t.Pinned, row.Pinned)
                    .SetProperty(t => t.RowVersion, row.RowVersion)
                    .SetProperty(t => t.UpdatedBy, row.UpdatedBy)
                    .SetProperty(t => t.UpdatedAtUnixMs, row.UpdatedAtUnixMs), ct);
            if (updated == 1)
            {
                await BumpAsync(db, ct);
                await tx.CommitAsync(ct);
                return ToRecord(row);
            }
        }
        if (!await db.Tenants.AnyAsync(t => t.Id == tenant.Id, ct)) throw new NotFoundException("Tenant", tenant.Id);
        throw new ConflictException("Tenant", tenant.Id, expectedVersion);
    }

    private static async Task<long> VersionAsync(AppStoreDbContext db, CancellationToken ct) =>
        await db.TenantRegistryVersion.AsNoTracking().Where(v => v.Id == TenantRegistryVersionRow.SingleId)
            .Select(v => (long?)v.Version).SingleOrDefaultAsync(ct) ?? 0;

    private static async Task BumpAsync(AppStoreDbContext db, CancellationToken ct)
    {
        var moved = await db.TenantRegistryVersion.Where(v => v.Id == TenantRegistryVersionRow.SingleId)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.Version, v => v.Version + 1), ct);
        if (moved == 0)
        {
            db.TenantRegistryVersion.Add(new TenantRegistryVersionRow { Version = 1 });
            await db.SaveChangesAsync(ct);
        }
    }

    private static async Task EnsureVersionRowAsync(AppStoreDbContext db, CancellationToken ct)
    {
        if (await db.TenantRegistryVersion.AnyAsync(ct)) return;
        db.TenantRegistryVersion.Add(new TenantRegistryVersionRow { Version = 1 });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // another instance made it
        }
    }

    private static string Serialize(IReadOnlyDictionary<string, string?> settings) =>
        JsonSerializer.Serialize(settings.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(s => s.Key, s => s.Value));

    private static TenantRow ToRow(TenantRecord r) => new()
    {
        Id = r.Id, DisplayName = r.DisplayName, Provider = r.Provider, SettingsJson = Serialize(r.Settings), Disabled = r.Disabled,
        Pinned = r.Pinned, RowVersion = r.Version, UpdatedBy = r.UpdatedBy, UpdatedAtUnixMs = r.UpdatedAt.ToUnixTimeMilliseconds(),
    };

    private static TenantRecord ToRecord(TenantRow r) => new(
        r.Id, r.DisplayName, r.Provider,
        new Dictionary<string, string?>(JsonSerializer.Deserialize<Dictionary<string, string?>>(r.SettingsJson) ?? [], StringComparer.OrdinalIgnoreCase),
        r.Disabled, r.Pinned, r.RowVersion, r.UpdatedBy, DateTimeOffset.FromUnixTimeMilliseconds(r.UpdatedAtUnixMs));
}
