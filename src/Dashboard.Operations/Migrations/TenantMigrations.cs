using Dashboard.Core.Access;

namespace Dashboard.Operations.Migrations;

/// <summary>
/// A migration of a configured tenant, as the CLI (and a page) ask for it: the tenant from the registry, its live
/// store as the source (resilience and metering included), the target's settings checked by its provider and a
/// store built for them. Only Ops may migrate.
/// </summary>
public sealed class TenantMigrations(TenantRegistry registry, ITenantBackends backends, TenantMigrator migrator)
{
    public async Task<MigrationResult> RunAsync(string tenantId, MigrationTarget target, Person actor, bool resume, bool verifyOnly,
        IProgress<MigrationProgress>? progress, CancellationToken ct)
    {
        if (actor.Role != Role.Ops) throw new MigrationException("only Ops may migrate a tenant");
        var tenant = registry.Find(tenantId)
            ?? throw new MigrationException($"no tenant '{tenantId}' (tenants: {string.Join(", ", registry.All.Select(t => t.Id))})");
        var provider = registry.FindProvider(target.ProviderKind)
            ?? throw new MigrationException($"no provider '{target.ProviderKind}' (providers: {string.Join(", ", registry.Providers.Select(p => p.Kind).Order())})");
        var described = target.For(tenant) with { ProviderKind = provider.Kind };
        if (provider.Validate(described).ToList() is { Count: > 0 } problems)
            throw new MigrationException($"the target's settings are not valid: {string.Join("; ", problems)}");
        if (!described.ReachedDifferentlyThan(tenant))
            throw new MigrationException($"tenant '{tenantId}' is already on that backend");
        var targetStore = provider.Create(described);
        try
        {
            var request = new MigrationRequest(tenant, backends.For(tenant.Id), target with { ProviderKind = provider.Kind }, targetStore, actor, resume, verifyOnly);
            return await migrator.RunAsync(request, progress, null, ct);
        }
        finally
        {
            if (targetStore is IAsyncDisposable a) await a.DisposeAsync();
            else (targetStore as IDisposable)?.Dispose();
        }
    }
}
